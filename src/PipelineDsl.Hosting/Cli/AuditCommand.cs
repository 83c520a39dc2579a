using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PipelineDsl.Runtime.Store;
using Spectre.Console;

namespace PipelineDsl.Hosting;

/// <summary><c>audit</c>: the append-only log of stage changes (promotions, archiving, rollbacks), oldest first.</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string?>("name") { Description = "Only changes of this model.", Arity = ArgumentArity.ZeroOrOne };
        var json = CliOptions.Json();
        var command = new Command("audit", "List the registry's audit log: every stage change, who made it and why, oldest first.") { name, json };
        command.SetAction(parse =>
        {
            using var store = StoreAccess.OpenExisting(CliOptions.StorePath(parse));
            var rows = store?.ListAudit(parse.GetValue(name)) ?? [];
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonOutput.Write(w =>
                {
                    w.WriteStartArray();
                    foreach (var row in rows)
                    {
                        WriteRow(w, row);
                    }

                    w.WriteEndArray();
                }));
                return ExitCodes.Success;
            }

            if (rows.Count == 0)
            {
                context.Out.WriteLine("no stage changes recorded yet: `promote` a registered version first");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("#", "at (UTC)", "actor", "action", "model", "version", "from", "to", "reason", "details");
            foreach (var row in rows)
            {
                table.AddRow(
                    row.Id.ToString(CultureInfo.InvariantCulture),
                    row.AtUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(row.Actor),
                    Markup.Escape(row.Action),
                    Markup.Escape(row.Model),
                    row.Version?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    Markup.Escape(row.FromStage ?? "-"),
                    Markup.Escape(row.ToStage ?? "-"),
                    Markup.Escape(row.Reason ?? ""),
                    Markup.Escape(row.Details ?? ""));
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One audit row as a JSON object (the shape <c>audit --json</c>, <c>promote --json</c> and <c>rollback --json</c> share).</summary>
    internal static void WriteRow(Utf8JsonWriter w, AuditRecord row)
    {
        w.WriteStartObject();
        w.WriteNumber("id", row.Id);
        w.WriteString("atUtc", row.AtUtc.ToString("O", CultureInfo.InvariantCulture));
        w.WriteString("actor", row.Actor);
        w.WriteString("action", row.Action);
        w.WriteString("model", row.Model);
        if (row.Version is { } version)
        {
            w.WriteNumber("version", version);
        }
        else
        {
            w.WriteNull("version");
        }

        w.WriteString("fromStage", row.FromStage);
        w.WriteString("toStage", row.ToStage);
        w.WriteString("reason", row.Reason);
        w.WriteString("details", row.Details);
        w.WriteEndObject();
    }

    /// <summary>
    /// The rows the latest change matching <paramref name="final"/> wrote: that row and the rows its transaction wrote
    /// before it (one transaction's rows have consecutive ids and share their time), oldest first.
    /// </summary>
    internal static IReadOnlyList<AuditRecord> LastChange(IReadOnlyList<AuditRecord> log, Func<AuditRecord, bool> final)
    {
        var end = log.Count - 1;
        while (end >= 0 && !final(log[end]))
        {
            end--;
        }

        if (end < 0)
        {
            return [];
        }

        var start = end;
        while (start > 0 && log[start - 1].Id == log[start].Id - 1 && log[start - 1].AtUtc == log[end].AtUtc)
        {
            start--;
        }

        return log.Skip(start).Take(end - start + 1).ToArray();
    }

    /// <summary>Who runs a governance verb: <c>--by</c>, else the operating system's user name.</summary>
    internal static string Actor(string? by)
    {
        if (by is not null)
        {
            return string.IsNullOrWhiteSpace(by) ? throw new CliUsageException("--by needs a name (who makes the change).") : by.Trim();
        }

        return string.IsNullOrWhiteSpace(Environment.UserName) ? "unknown" : Environment.UserName;
    }

    /// <summary>The store a governance verb changes; an error when none was ever created at that path.</summary>
    internal static PipelineStore OpenForChange(ParseResult parse)
    {
        var path = CliOptions.StorePath(parse);
        return StoreAccess.OpenExisting(path)
            ?? throw new InvalidOperationException($"no store at {path}: nothing is registered yet (run `dotnet run -- run` first, or pass --store DIR).");
    }

    /// <summary>One change as a line: <c>churn v3: staging -> production (approved by alice: holdout AUC +2%)</c>.</summary>
    internal static string Describe(AuditRecord row)
    {
        var why = row.Reason is null ? "" : ": " + row.Reason;
        var details = row.Details is null ? "" : "; " + row.Details;
        var how = row.Action switch
        {
            // "rolled back to v1 by oncall: recall dropped", "restored in place of v2 by oncall: recall dropped"
            AuditRecord.RollbackAction when row.Details is not null => $"{row.Details} by {row.Actor}{why}",
            AuditRecord.RollbackAction => $"rollback by {row.Actor}{why}",
            AuditRecord.ArchiveAction => $"archived by {row.Actor}{why}{details}",
            _ when row.Reason is not null => $"approved by {row.Actor}{why}{details}",
            _ => $"by {row.Actor}{details}",
        };
        return $"{row.Model} v{row.Version}: {row.FromStage ?? "-"} -> {row.ToStage ?? "-"} ({how})";
    }

    /// <summary>
    /// Prints what a stage change did: the version as it is now and the audit rows it wrote (as JSON, or one line each,
    /// the change asked for first, then what it archived or replaced).
    /// </summary>
    internal static int ReportChange(CliContext context, bool json, ModelVersionRecord version, IReadOnlyList<AuditRecord> changes)
    {
        if (json)
        {
            context.Out.WriteLine(JsonOutput.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("model", version.Name);
                w.WriteNumber("version", version.Version);
                w.WriteString("stage", version.Stage);
                w.WriteStartArray("changes");
                foreach (var change in changes)
                {
                    WriteRow(w, change);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }));
            return ExitCodes.Success;
        }

        foreach (var change in changes.Reverse())
        {
            context.Out.WriteLine(Describe(change));
        }

        return ExitCodes.Success;
    }
}
