using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Reports;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Serving.Dashboard;

/// <summary><c>/</c>: the pipeline's runs (id, status, time, metrics), newest first, and its model versions with their stages.</summary>
internal static class RunsPage
{
    public static string Render(IPipelineDefinition pipeline, DashboardOptions options)
    {
        var document = DashboardPage.Start(pipeline.Name, "Runs and versions");
        if (!PipelineStore.Exists(options.Store))
        {
            document.Paragraph(ReportInline.Plain($"No store at {Path.GetFullPath(options.Store)}: run the pipeline first."));
            return DashboardPage.Render(document);
        }

        using var store = PipelineStore.Open(options.Store);
        var versions = store.ListModelVersions(pipeline.Name);
        var runs = store.ListRuns(pipeline.Name, options.RunLimit);
        var production = versions.Where(v => v.Stage == ModelStages.Production).Select(v => DashboardPage.Version(v.Version)).ToArray();
        var staging = versions.Where(v => v.Stage == ModelStages.Staging).Select(v => DashboardPage.Version(v.Version)).ToArray();
        document.Facts(
        [
            ("store", ReportInline.Code(store.StorePath)),
            ("runs", ReportFormat.Count(runs.Count) + (runs.Count == options.RunLimit ? " (the latest)" : string.Empty)),
            ("versions", ReportFormat.Count(versions.Count)),
            ("production", production.Length == 0 ? new ReportInline("none", InlineKind.Muted) : new ReportInline(string.Join(", ", production), InlineKind.Good)),
            ("staging", staging.Length == 0 ? new ReportInline("none", InlineKind.Muted) : ReportInline.Plain(string.Join(", ", staging))),
        ]);

        document.Heading(2, "Model versions", "versions");
        if (versions.Count == 0)
        {
            document.Paragraph(ReportInline.Plain("No version is registered yet."));
        }
        else
        {
            document.Table(
                ["version", "stage", "gates", "created", "run", "metrics", "model artifact"],
                versions.OrderByDescending(v => v.Version).Select(v => (IReadOnlyList<ReportInline>)
                [
                    ReportInline.Link(DashboardPage.Version(v.Version), "/versions/" + v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    DashboardPage.Stage(v.Stage),
                    ReportInline.Verdict(v.GatesPassed),
                    ReportFormat.Time(v.CreatedUtc),
                    ReportInline.Code(v.RunId),
                    DashboardPage.Metrics(v.Metrics),
                    ReportInline.Code(ReportFormat.ShortHash(v.ArtifactHash)),
                ]));
        }

        document.Heading(2, "Runs", "runs");
        if (runs.Count == 0)
        {
            document.Paragraph(ReportInline.Plain("No run yet."));
        }
        else
        {
            var registered = versions.GroupBy(v => v.RunId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(v => v.Version), StringComparer.Ordinal);
            document.Table(
                ["run", "status", "started", "duration", "metrics", "data snapshot", "version"],
                runs.Select(r =>
                {
                    var metrics = store.GetRun(r.Id)?.Metrics.Where(m => m.Step == 0)
                        .GroupBy(m => m.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
                    return (IReadOnlyList<ReportInline>)
                    [
                        ReportInline.Code(r.Id),
                        DashboardPage.Status(r.Status),
                        ReportFormat.Time(r.StartedUtc),
                        r.FinishedUtc is { } end ? ReportFormat.Duration((long)(end - r.StartedUtc).TotalMilliseconds) : "-",
                        metrics is null || metrics.Count == 0 ? "-" : DashboardPage.Metrics(metrics),
                        ReportInline.Code(ReportFormat.ShortHash(r.DataHash)),
                        registered.TryGetValue(r.Id, out var v)
                            ? ReportInline.Link(DashboardPage.Version(v), "/versions/" + v.ToString(System.Globalization.CultureInfo.InvariantCulture))
                            : new ReportInline("-", InlineKind.Muted),
                    ];
                }));
        }

        return DashboardPage.Render(document);
    }
}
