using System.Globalization;
using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// Builds the HTML report of one run: its status and message, every node with its status, time and summary (cached
/// nodes marked), params, metrics, gate verdicts, slices and fairness; and, when the run registered a model version,
/// that version's holdout plots (ROC and calibration or residuals, the confusion matrix) and permutation importance,
/// computed by replaying its holdout (<see cref="HoldoutReplay{TRow}"/>).
/// </summary>
internal static class RunReport
{
    /// <summary>Renders the report of run <paramref name="runId"/> of <paramref name="pipeline"/>.</summary>
    /// <exception cref="InvalidOperationException">No store, no such run, or the run belongs to another pipeline.</exception>
    public static string Render<TRow>(PipelineDefinition<TRow> pipeline, string storePath, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentException.ThrowIfNullOrWhiteSpace(storePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        if (!PipelineStore.Exists(storePath))
        {
            throw new InvalidOperationException($"No store at {Path.GetFullPath(storePath)}: run the pipeline first.");
        }

        using var store = PipelineStore.Open(storePath);
        var details = store.GetRun(runId) ?? throw new InvalidOperationException($"No run {runId} in the store at {store.StorePath}.");
        var run = details.Run;
        if (!string.Equals(run.Pipeline, pipeline.Name, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Run {runId} is a run of pipeline {run.Pipeline}, not of {pipeline.Name}.");
        }

        var task = Enum.TryParse<MlTask>(details.Params.GetValueOrDefault("task"), out var recordedTask) ? recordedTask : pipeline.Model.Task;
        var version = store.ListModelVersions(pipeline.Name).Where(v => v.RunId == run.Id).MaxBy(v => v.Version);
        var document = new ReportDocument($"Run report: {run.Id} ({run.Pipeline})");
        document.Heading(1, $"Run report: {run.Id}", "top");
        var facts = new List<(string, ReportInline)>
        {
            ("pipeline", ReportInline.Code(run.Pipeline)),
            ("status", Status(run.Status)),
            ("started", ReportFormat.Time(run.StartedUtc)),
            ("finished", run.FinishedUtc is { } finished ? ReportFormat.Time(finished) : "-"),
        };
        if (run.FinishedUtc is { } end)
        {
            facts.Add(("duration", ReportFormat.Duration((long)(end - run.StartedUtc).TotalMilliseconds)));
        }

        facts.Add(("message", ReportInline.Plain(run.Message ?? "-")));
        facts.Add(("data snapshot", ReportInline.Code(run.DataHash is null ? "-" : "sha256:" + run.DataHash)));
        facts.Add(("registered", version is null
            ? ReportInline.Plain("no version")
            : ReportInline.Code($"{version.Name} v{version.Version.ToString(CultureInfo.InvariantCulture)} (stage {version.Stage}, gates {(version.GatesPassed ? "passed" : "failed")})")));
        document.Facts(facts);

        Nodes(document, details.Nodes);

        document.Heading(2, "Params", "params");
        if (details.Params.Count == 0)
        {
            document.Paragraph(ReportInline.Plain("No params were recorded (the run stopped before its train node)."));
        }
        else
        {
            document.Table(
                ["param", "value"],
                details.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (IReadOnlyList<ReportInline>)[ReportInline.Code(p.Key), ReportInline.Code(p.Value)]));
        }

        document.Heading(2, "Metrics", "metrics");
        var final = details.Metrics.Where(m => m.Step == 0).GroupBy(m => m.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        ReportSections.Metrics(document, final, task);
        var steps = details.Metrics.Where(m => m.Step != 0).ToArray();
        if (steps.Length > 0)
        {
            document.Heading(3, "By step (backtest folds)");
            document.Table(
                ["metric", "step", "value"],
                steps.OrderBy(m => m.Key, StringComparer.Ordinal).ThenBy(m => m.Step)
                    .Select(m => (IReadOnlyList<ReportInline>)[ReportInline.Code(m.Key), ReportFormat.Count(m.Step), ReportFormat.Number(m.Value)]),
                [false, true, true]);
        }

        document.Heading(2, "Gate verdicts", "gates");
        ReportSections.Gates(document, details.Gates);

        if (BreakdownMetrics.Slices(final).Count > 0)
        {
            document.Heading(2, "Slices", "slices");
            ReportSections.Slices(document, final, task);
        }

        if (BreakdownMetrics.Fairness(final).Count > 0)
        {
            document.Heading(2, "Fairness", "fairness");
            ReportSections.Fairness(document, final);
        }

        document.Heading(2, "Holdout plots", "plots");
        if (version is null)
        {
            document.Paragraph(ReportInline.Plain(
                "This run registered no model version, so there is no holdout to plot. (A run whose nodes all came from the step cache registers nothing new: "
                + "the version it reports as current belongs to the run that trained it.)"));
            return HtmlRenderer.Render(document);
        }

        try
        {
            var replay = HoldoutReplay<TRow>.Run(pipeline, store, version, cancellationToken);
            var importance = PermutationImportance.Compute(
                replay.Model, replay.Matrix, replay.RowCount, replay.FeatureNames, replay.Labels, replay.Task, cancellationToken: cancellationToken);
            ReportSections.HoldoutPlots(document, replay, version.Metrics);
            document.Heading(2, "Feature importance", "importance");
            ReportSections.Importance(document, importance, $"{version.Name} v{version.Version.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (InvalidOperationException e)
        {
            document.Paragraph(ReportInline.Plain("Not available: " + e.Message));
        }

        return HtmlRenderer.Render(document);
    }

    private static void Nodes(ReportDocument document, IReadOnlyList<RunNodeRecord> nodes)
    {
        document.Heading(2, "Nodes", "nodes");
        if (nodes.Count == 0)
        {
            document.Paragraph(ReportInline.Plain("No node finished."));
            return;
        }

        var cached = nodes.Count(n => n.Status == "cached");
        document.Paragraph(ReportInline.Plain(
            $"{nodes.Count} nodes, in the order they finished; {cached} restored from the step cache (their summary is the run that computed them)."));
        document.Table(
            ["node", "status", "time", "summary"],
            nodes.Select(n => (IReadOnlyList<ReportInline>)
            [
                ReportInline.Code(n.NodeId),
                n.Status switch
                {
                    "completed" => new ReportInline("completed", InlineKind.Good),
                    "cached" => new ReportInline("cached", InlineKind.Muted),
                    "skipped" or "cancelled" => new ReportInline(n.Status, InlineKind.Muted),
                    _ => new ReportInline(n.Status, InlineKind.Bad),
                },
                ReportFormat.Duration(n.ElapsedMs),
                ReportInline.Plain(CachedNode.IsCached(n.Summary) ? n.Summary![CachedNode.SummaryPrefix.Length..] : n.Summary ?? "-"),
            ]),
            [false, false, true, false]);
    }

    private static ReportInline Status(string status) => status switch
    {
        "succeeded" => new ReportInline(status, InlineKind.Good),
        "running" or "cancelled" => new ReportInline(status, InlineKind.Muted),
        _ => new ReportInline(status, InlineKind.Bad),
    };
}
