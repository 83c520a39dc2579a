using System.CommandLine;
using System.Globalization;
using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Store;
using Spectre.Console;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>runs</c>: experiments, newest first or sorted by a metric, filtered by status and by conditions on metrics and
/// parameters, with status, data version, cached nodes, parameters and metrics. <c>runs compare A B</c> puts two side by side.
/// </summary>
internal static class RunsCommand
{
    /// <summary>The statuses a run can have, as stored (<c>succeeded</c>, <c>failed_gate</c>, ...).</summary>
    internal static IReadOnlyList<string> Statuses { get; } = Enum.GetValues<PipelineRunStatus>().Select(PipelineRunStatusNames.Of).ToArray();

    public static Command Create(CliContext context)
    {
        var pipeline = CliOptions.Pipeline();
        var limit = new Option<int>("--limit") { Description = "How many runs to list.", DefaultValueFactory = _ => 20 };
        var status = new Option<string?>("--status") { Description = $"Only runs with this status: {string.Join(", ", Statuses)}." };
        var where = new Option<string[]>("--where")
        {
            Description = "Only runs that satisfy [metrics.|params.]NAME OP VALUE (OP: = != < <= > >=), e.g. auc>=0.9, params.trainer=LightGbm; repeatable, all must hold.",
        };
        var sort = new Option<string?>("--sort") { Description = "Sort by this metric: best first (descending, ascending for errors such as rmse); runs without it last." };
        var ascending = new Option<bool>("--asc") { Description = "Sort the --sort metric ascending." };
        var descending = new Option<bool>("--desc") { Description = "Sort the --sort metric descending." };
        var json = CliOptions.Json();
        var command = new Command("runs", "List runs, newest first or by a metric: status, data hash, cached nodes, parameters, metrics, gate verdicts.")
        {
            pipeline, limit, status, where, sort, ascending, descending, json,
        };
        command.Subcommands.Add(RunsCompareCommand.Create(context));
        command.SetAction(parse =>
        {
            var query = BuildQuery(
                parse.GetValue(pipeline),
                parse.GetValue(limit),
                parse.GetValue(status),
                parse.GetValue(where) ?? [],
                parse.GetValue(sort),
                parse.GetValue(ascending),
                parse.GetValue(descending));
            using var store = StoreAccess.OpenExisting(CliOptions.StorePath(parse));
            var runs = store?.QueryRuns(query) ?? [];
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonOutput.Write(w => WriteJson(w, runs)));
                return ExitCodes.Success;
            }

            if (runs.Count == 0)
            {
                var filtered = query.Status is not null || query.Conditions.Count > 0;
                context.Out.WriteLine(filtered && store is not null
                    ? "no runs match: " + Describe(query)
                    : "no runs yet: run `dotnet run -- run` first");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("run", "pipeline", "started (UTC)", "status", "data", "cached", "metrics", "why it failed");
            foreach (var details in runs)
            {
                var run = details.Run;
                table.AddRow(
                    Markup.Escape(run.Id),
                    Markup.Escape(run.Pipeline),
                    run.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    run.Status == "succeeded" ? "[green]succeeded[/]" : $"[red]{Markup.Escape(run.Status)}[/]",
                    Markup.Escape(ModelsCommand.Short(run.DataHash)),
                    CachedNodes(details).ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(" ", details.Metrics.Where(m => m.Step == 0 && !m.Key.Contains('.', StringComparison.Ordinal)).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value:0.####}"))),
                    run.Status == "succeeded" ? "" : Markup.Escape(Summarize(run.Message)));
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The store query the options ask for.</summary>
    /// <exception cref="CliUsageException">An option is malformed or the options contradict each other.</exception>
    internal static RunQuery BuildQuery(string? pipeline, int limit, string? status, IEnumerable<string> where, string? sort, bool ascending, bool descending)
    {
        if (limit < 1)
        {
            throw new CliUsageException($"--limit must be at least 1, got {limit}.");
        }

        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            throw new CliUsageException($"--status expects one of {string.Join(", ", Statuses)}, got '{status}'.");
        }

        if (ascending && descending)
        {
            throw new CliUsageException("--asc and --desc contradict each other: give one of them.");
        }

        if (sort is null && (ascending || descending))
        {
            throw new CliUsageException($"{(ascending ? "--asc" : "--desc")} orders the --sort metric: give --sort METRIC too (without it, runs are listed newest first).");
        }

        if (sort is not null)
        {
            if (sort.StartsWith("params.", StringComparison.Ordinal))
            {
                throw new CliUsageException($"--sort '{sort}': runs sort by a metric, not a parameter.");
            }

            sort = sort.StartsWith("metrics.", StringComparison.Ordinal) ? sort["metrics.".Length..] : sort;
            if (sort.Length == 0 || !sort.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw new CliUsageException($"--sort expects a metric name such as auc or rmse, got '{sort}'.");
            }
        }

        return new RunQuery
        {
            Pipeline = pipeline,
            Status = status,
            Conditions = RunFilter.ParseAll(where),
            SortMetric = sort,
            Descending = ascending ? false : descending ? true : null,
            Limit = limit,
        };
    }

    /// <summary>How many of the run's nodes were restored from the step cache.</summary>
    internal static int CachedNodes(RunDetails details) => details.Nodes.Count(n => n.Status == "cached");

    private static string Describe(RunQuery query)
    {
        var parts = new List<string>();
        if (query.Status is not null)
        {
            parts.Add("status " + query.Status);
        }

        parts.AddRange(query.Conditions.Select(c => c.ToString()));
        return string.Join(", ", parts);
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
            WriteRun(w, details);
        }

        w.WriteEndArray();
    }

    /// <summary>One run as JSON: what <c>runs --json</c> lists and <c>run --json</c> prints.</summary>
    internal static void WriteRun(System.Text.Json.Utf8JsonWriter w, RunDetails details)
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
        w.WriteNumber("cachedNodes", CachedNodes(details));
        JsonOutput.WriteObject(w, "params", details.Params);
        JsonOutput.WriteObject(w, "metrics", details.Metrics.Where(m => m.Step == 0).Select(m => KeyValuePair.Create(m.Key, m.Value)));
        w.WriteStartArray("stepMetrics");
        foreach (var metric in details.Metrics.Where(m => m.Step != 0))
        {
            w.WriteStartObject();
            w.WriteString("key", metric.Key);
            w.WriteNumber("step", metric.Step);
            JsonOutput.WriteNumber(w, "value", metric.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
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
}
