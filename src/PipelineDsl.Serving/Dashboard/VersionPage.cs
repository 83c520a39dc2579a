using System.Globalization;
using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Monitoring;
using PipelineDsl.Runtime.Reports;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Serving.Dashboard;

/// <summary>
/// <c>/versions/{n}</c>: one model version: its facts, its lineage as a graph (data snapshot, features, model and
/// profile, version, each with its hash), every lineage fact, its metrics, and the audit rows about it.
/// </summary>
internal static class VersionPage
{
    /// <summary>The page; <c>Found</c> is false when the store has no such version (the page then says so).</summary>
    public static (bool Found, string Html) Render(IPipelineDefinition pipeline, DashboardOptions options, int version)
    {
        var document = DashboardPage.Start(pipeline.Name, "Version " + DashboardPage.Version(version));
        if (!PipelineStore.Exists(options.Store))
        {
            document.Paragraph(ReportInline.Plain($"No store at {Path.GetFullPath(options.Store)}: run the pipeline first."));
            return (false, DashboardPage.Render(document));
        }

        using var store = PipelineStore.Open(options.Store);
        var record = store.GetModelVersion(pipeline.Name, version);
        if (record is null)
        {
            document.Paragraph(ReportInline.Plain($"{pipeline.Name} has no version {version.ToString(CultureInfo.InvariantCulture)}."));
            return (false, DashboardPage.Render(document));
        }

        var run = store.GetRun(record.RunId)?.Run;
        document.Facts(
        [
            ("model", ReportInline.Code(record.Name)),
            ("version", ReportInline.Code(DashboardPage.Version(record.Version))),
            ("stage", DashboardPage.Stage(record.Stage)),
            ("gates", ReportInline.Verdict(record.GatesPassed)),
            ("created", ReportFormat.Time(record.CreatedUtc)),
            ("run", ReportInline.Code(record.RunId + (run is null ? string.Empty : $" ({run.Status})"))),
            ("model artifact", ReportInline.Code("sha256:" + record.ArtifactHash)),
        ]);

        document.Heading(2, "Lineage", "lineage");
        document.Plot(Svg(record), $"Lineage of {record.Name} {DashboardPage.Version(record.Version)}");
        document.Table(
            ["key", "value"],
            record.Lineage.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => (IReadOnlyList<ReportInline>)[ReportInline.Code(l.Key), ReportInline.Code(l.Value)]));

        document.Heading(2, "Holdout metrics", "metrics");
        if (record.Metrics.Count == 0)
        {
            document.Paragraph(ReportInline.Plain("No metrics were recorded."));
        }
        else
        {
            document.Table(
                ["metric", "value"],
                record.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (IReadOnlyList<ReportInline>)[ReportInline.Code(m.Key), ReportFormat.Number(m.Value)]),
                [false, true]);
        }

        document.Heading(2, "Audit log", "audit");
        var audit = store.ListAudit(record.Name).Where(a => a.Version == record.Version).ToArray();
        if (audit.Length == 0)
        {
            document.Paragraph(ReportInline.Plain("No stage change of this version was recorded."));
        }
        else
        {
            document.Table(
                ["#", "at", "actor", "action", "from", "to", "reason", "details"],
                audit.Select(a => (IReadOnlyList<ReportInline>)
                [
                    a.Id.ToString(CultureInfo.InvariantCulture), ReportFormat.Time(a.AtUtc), a.Actor, ReportInline.Code(a.Action),
                    a.FromStage ?? "-", a.ToStage ?? "-", a.Reason ?? "-", a.Details ?? "-",
                ]),
                [true, false, false, false, false, false, false, false]);
        }

        return (true, DashboardPage.Render(document));
    }

    /// <summary>The lineage graph: data snapshot(s) -> features -> model and reference profile -> version, with hashes.</summary>
    internal static string Svg(ModelVersionRecord record)
    {
        string Fact(string key) => record.Lineage.TryGetValue(key, out var value) ? value : "-";
        string Hash(string key) => "sha256 " + ReportFormat.ShortHash(Fact(key));
        var nodes = new List<SvgLayeredGraph.Node>
        {
            new("data", "data snapshot", [Fact("dataset"), Hash("data_hash"), "schema " + ReportFormat.ShortHash(Fact("schema_hash")), Path.GetFileName(Fact("source_path"))], 0, "#ecfdf5"),
        };
        var edges = new List<(string, string)> { ("data", "features") };
        foreach (var joined in record.Lineage.Keys.Where(k => k.StartsWith("joined.", StringComparison.Ordinal) && k.EndsWith(".data_hash", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = joined["joined.".Length..^".data_hash".Length];
            nodes.Add(new("joined:" + name, "joined snapshot", [name, Hash(joined)], 0, "#ecfdf5"));
            edges.Add(("joined:" + name, "features"));
        }

        var featureCount = record.Lineage.Keys.Count(k => k.StartsWith("feature.", StringComparison.Ordinal) && k.EndsWith(".hash", StringComparison.Ordinal));
        nodes.Add(new("features", "features", [Fact("feature_set"), "code " + ReportFormat.ShortHash(Fact("feature_set_hash")), $"{featureCount.ToString(CultureInfo.InvariantCulture)} features"], 1, "#eff6ff"));
        nodes.Add(new("model", "model", [Fact("model"), "config " + ReportFormat.ShortHash(Fact("model_config_hash")), "artifact " + ReportFormat.ShortHash(record.ArtifactHash)], 2, "#fef3c7"));
        edges.Add(("features", "model"));
        if (record.Lineage.ContainsKey(ReferenceProfile.LineageKey))
        {
            nodes.Add(new("profile", "reference profile", [Hash(ReferenceProfile.LineageKey)], 2, "#fef3c7"));
            edges.Add(("features", "profile"));
            edges.Add(("profile", "version"));
        }

        nodes.Add(new("version", $"{record.Name} {DashboardPage.Version(record.Version)}", [record.Stage, "run " + record.RunId, "commit " + ReportFormat.ShortHash(Fact("git_commit"))], 3, "#fce7f3"));
        edges.Add(("model", "version"));
        return SvgLayeredGraph.Render(SvgLayeredGraph.LineagePlot, $"Lineage of {record.Name} {DashboardPage.Version(record.Version)}", nodes, edges, horizontal: true);
    }
}
