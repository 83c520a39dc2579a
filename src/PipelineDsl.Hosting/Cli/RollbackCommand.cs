using System.CommandLine;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>rollback</c>: restores the previous production version of a model (the one that most recently was in
/// production before the current one) and archives the current one, with an audit row for each.
/// </summary>
internal static class RollbackCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The model's name (its pipeline's name)." };
        var by = new Option<string?>("--by") { Description = "Who rolls back (default: the current user)." };
        var reason = new Option<string?>("--reason") { Description = "Why, recorded in the audit log." };
        var json = CliOptions.Json();
        var command = new Command("rollback", "Put the previous production version of a model back in production and archive the current one.")
        {
            name, by, reason, json,
        };
        command.SetAction(parse =>
        {
            var model = parse.GetValue(name);
            if (string.IsNullOrWhiteSpace(model))
            {
                throw new CliUsageException("rollback needs a model name, for example `rollback churn --reason \"recall dropped\"`.");
            }

            var actor = AuditCommand.Actor(parse.GetValue(by));
            using var store = AuditCommand.OpenForChange(parse);
            var restored = store.Rollback(model, actor, parse.GetValue(reason));
            var changes = AuditCommand.LastChange(
                store.ListAudit(model),
                a => a.Action == AuditRecord.RollbackAction && a.Version == restored.Version && a.ToStage == ModelStages.Production);
            return AuditCommand.ReportChange(context, parse.GetValue(json), restored, changes);
        });
        return command;
    }
}
