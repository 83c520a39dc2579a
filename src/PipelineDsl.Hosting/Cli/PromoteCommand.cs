using System.CommandLine;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>promote</c>: moves a registered version to another stage. Only a version that passed every gate may enter
/// staging or production; production needs <c>--approve "who: why"</c> and archives the previous production version.
/// Every change is appended to the audit log.
/// </summary>
internal static class PromoteCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The model's name (its pipeline's name)." };
        var version = new Argument<int>("version") { Description = "The version to promote." };
        var to = new Option<string>("--to") { Description = $"Target stage: {ModelStages.Describe()}.", Required = true };
        var approve = new Option<string?>("--approve") { Description = "Approval as \"who: why\"; required for production." };
        var by = new Option<string?>("--by") { Description = "Who asks for the change (default: the current user)." };
        var json = CliOptions.Json();
        var command = new Command("promote", "Move a model version to staging, production, archived or none (with gates, approvals and an audit trail).")
        {
            name, version, to, approve, by, json,
        };
        command.SetAction(parse =>
        {
            var model = parse.GetValue(name);
            if (string.IsNullOrWhiteSpace(model))
            {
                throw new CliUsageException("promote needs a model name, for example `promote churn 3 --to staging`.");
            }

            var requested = parse.GetValue(to);
            if (!ModelStages.TryParse(requested, out var stage))
            {
                throw new CliUsageException($"--to expects {ModelStages.Describe()}, got '{requested}'.");
            }

            var number = parse.GetValue(version);
            var actor = AuditCommand.Actor(parse.GetValue(by));
            using var store = AuditCommand.OpenForChange(parse);
            var promoted = store.Promote(model, number, stage, actor, parse.GetValue(approve));
            var changes = AuditCommand.LastChange(
                store.ListAudit(model),
                a => a.Action == AuditRecord.PromoteAction && a.Version == number && a.ToStage == stage);
            return AuditCommand.ReportChange(context, parse.GetValue(json), promoted, changes);
        });
        return command;
    }
}
