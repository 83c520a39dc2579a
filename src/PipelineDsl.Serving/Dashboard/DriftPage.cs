using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Monitoring;
using PipelineDsl.Runtime.Reports;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Serving.Dashboard;

/// <summary>
/// <c>/drift</c>: runs the monitor over the prediction log against the production version and shows drift over time
/// (PSI per window, drifted features marked), the alerts, the windows and the histograms: the drift report's sections.
/// Says so when there is no log, no production version or no full window yet.
/// </summary>
internal static class DriftPage
{
    public static string Render(IPipelineDefinition pipeline, DashboardOptions options)
    {
        var document = DashboardPage.Start(pipeline.Name, "Drift");
        if (!PipelineStore.Exists(options.Store))
        {
            document.Paragraph(ReportInline.Plain($"No store at {Path.GetFullPath(options.Store)}: run the pipeline first."));
            return DashboardPage.Render(document);
        }

        ReferenceProfile profile;
        string logDirectory;
        using (var store = PipelineStore.Open(options.Store))
        {
            logDirectory = options.LogDirectory ?? PipelineMonitor.DefaultLogDirectory(store, pipeline.Name);
            var production = store.GetStageVersion(pipeline.Name, ModelStages.Production);
            if (production is null)
            {
                document.Paragraph(ReportInline.Plain($"No version of {pipeline.Name} is in production: there is nothing to monitor."));
                return DashboardPage.Render(document);
            }

            try
            {
                profile = PipelineMonitor.LoadProfile(store, production);
            }
            catch (InvalidOperationException e)
            {
                document.Paragraph(ReportInline.Plain(e.Message));
                return DashboardPage.Render(document);
            }
        }

        if (!Directory.Exists(logDirectory) || Directory.GetFiles(logDirectory, "predictions-*.jsonl").Length == 0)
        {
            document.Paragraph(
                new ReportInline("There is no prediction log", InlineKind.Strong),
                $" at {logDirectory}: ",
                ReportInline.Code("serve"),
                " writes one there as it answers; drift over time appears once it has.");
            return DashboardPage.Render(document);
        }

        MonitorReport report;
        double? threshold;
        try
        {
            (report, threshold) = pipeline.Accept(new Monitor(new MonitorOptions(options.Store, null, logDirectory, null), options.Window));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException)
        {
            document.Paragraph(ReportInline.Plain("The monitor could not run: " + e.Message));
            return DashboardPage.Render(document);
        }

        DriftReport.Header(document, report, profile);
        if (report.Windows.Count == 0)
        {
            document.Paragraph(ReportInline.Plain("The log does not fill one window yet: drift over time appears after the first full window."));
            return DashboardPage.Render(document);
        }

        DriftReport.DriftOverTime(document, report, threshold);
        DriftReport.Alerts(document, report);
        DriftReport.Windows(document, report);
        DriftReport.Features(document, report, profile);
        return DashboardPage.Render(document);
    }

    /// <summary>Runs the monitor with the row type; a window override replaces the declared window only.</summary>
    private sealed class Monitor(MonitorOptions options, string? window) : IPipelineDefinitionVisitor<(MonitorReport, double?)>
    {
        public (MonitorReport, double?) Visit<TRow>(PipelineDefinition<TRow> pipeline)
        {
            var declared = pipeline.Monitor;
            if (window is not null)
            {
                var (rows, duration) = MonitorWindowSpec.Parse(window);
                declared = declared with { WindowRows = rows, WindowDuration = duration };
            }

            return (PipelineMonitor.Run(pipeline, options with { Monitor = declared }, DateTime.UtcNow), declared.MaxPsi);
        }
    }
}
