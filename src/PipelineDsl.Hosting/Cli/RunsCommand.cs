using System.CommandLine;
using System.Globalization;
using PipelineDsl.Runtime.Store;
using Spectre.Console;

namespace PipelineDsl.Hosting;

/// <summary><c>runs</c>: experiments, newest first, with status, data version, parameters and metrics.</summary>
internal static class RunsCommand
{
    public static Command Create(CliContext context)
    {
        var pipeline = CliOptions.Pipeline();
        var limit = new Option<int>("--limit") { Description = "How many runs to list.", DefaultValueFactory = _ => 20 };
        var json = CliOptions.Json();
        var command = new Command("runs", "List runs, newest first: status, data hash, parameters, metrics, gate verdicts.") { pipeline, limit, json };
        command.SetAction(parse =>
        {
            using var store = StoreAccess.OpenExisting(CliOptions.StorePath(parse));
            var runs = store is null
                ? []
                : store.ListRuns(parse.GetValue(pipeline), parse.GetValue(limit)).Select(r => store.GetRun(r.Id)!).ToArray();
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonOutput.Write(w => WriteJson(w, runs)));
                return ExitCodes.Success;
            }

            if (runs.Length == 0)
            {
                context.Out.WriteLine("no runs yet: run `dotnet run -- run` first");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("run", "pipeline", "started (UTC)", "status", "data", "metrics", "why it failed");
            foreach (var details in runs)
            {
                var run = details.Run;
                table.AddRow(
                    Markup.Escape(run.Id),
                    Markup.Escape(run.Pipeline),
                    run.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    run.Status == "succeeded" ? "[green]succeeded[/]" : $"[red]{Markup.Escape(run.Status)}[/]",
                    Markup.Escape(ModelsCommand.Short(run.DataHash)),
                    Markup.Escape(string.Join(" ", details.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value:0.####}"))),
                    run.Status == "succeeded" ? "" : Markup.Escape(Summarize(run.Message)));
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A failure message on one line of at most 160 characters.</summary>
    private static string Summarize(string? message)
    {
        var oneLine = string.Join(" ", (message ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return oneLine.Length <= 160 ? oneLine : oneLine[..157] + "...";
    }

    private static void WriteJson(System.Text.Json.Utf8JsonWriter w, IReadOnlyList<RunDetails> runs)
    {
        w.WriteStartArray();
        foreach (var details in runs)
        {
            var run = details.Run;
            w.WriteStartObject();
            w.WriteString("id", run.Id);
            w.WriteString("pipeline", run.Pipeline);
            w.WriteString("status", run.Status);
            w.WriteString("startedUtc", run.StartedUtc.ToString("O", CultureInfo.InvariantCulture));
            if (run.FinishedUtc is { } finished)
            {
                w.WriteString("finishedUtc", finished.ToString("O", CultureInfo.InvariantCulture));
            }

            w.WriteString("dataHash", run.DataHash);
            w.WriteString("message", run.Message);
            JsonOutput.WriteObject(w, "params", details.Params);
            JsonOutput.WriteObject(w, "metrics", details.Metrics.Select(m => KeyValuePair.Create(m.Key, m.Value)));
            w.WriteStartArray("gates");
            foreach (var gate in details.Gates)
            {
                w.WriteStartObject();
                w.WriteString("rule", gate.Rule);
                JsonOutput.WriteNumber(w, "value", gate.Value);
                w.WriteBoolean("passed", gate.Passed);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("nodes");
            foreach (var node in details.Nodes)
            {
                w.WriteStartObject();
                w.WriteString("id", node.NodeId);
                w.WriteString("status", node.Status);
                w.WriteNumber("elapsedMs", node.ElapsedMs);
                w.WriteString("summary", node.Summary);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
