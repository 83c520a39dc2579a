using System.Globalization;
using PipelineDsl.Runtime.Reports;

namespace PipelineDsl.Serving.Dashboard;

/// <summary>
/// What every dashboard page shares: the title, a line of links to the other pages, and the rendering (the report
/// document model and its self-contained HTML renderer: inline CSS and SVG, no script, no external asset).
/// </summary>
internal static class DashboardPage
{
    /// <summary>A page of <paramref name="pipeline"/> titled <paramref name="title"/>, with the navigation line.</summary>
    public static ReportDocument Start(string pipeline, string title)
    {
        var document = new ReportDocument($"{title}: {pipeline} (PipelineDsl dashboard)");
        document.Paragraph(
            ReportInline.Link("Runs and versions", "/"), " \u00b7 ", ReportInline.Link("Pipeline", "/pipeline"), " \u00b7 ", ReportInline.Link("Drift", "/drift"));
        document.Heading(1, $"{title}: {pipeline}", "top");
        return document;
    }

    /// <summary>The page as HTML.</summary>
    public static string Render(ReportDocument document) => HtmlRenderer.Render(document);

    /// <summary>A run's status, coloured.</summary>
    public static ReportInline Status(string status) => status switch
    {
        "succeeded" => new ReportInline(status, InlineKind.Good),
        "running" or "cancelled" => new ReportInline(status, InlineKind.Muted),
        _ => new ReportInline(status, InlineKind.Bad),
    };

    /// <summary>A stage, production in green.</summary>
    public static ReportInline Stage(string stage) => stage switch
    {
        "production" => new ReportInline(stage, InlineKind.Good),
        "staging" => new ReportInline(stage, InlineKind.Strong),
        "archived" => new ReportInline(stage, InlineKind.Muted),
        _ => ReportInline.Plain(stage),
    };

    /// <summary>Metrics as <c>name value</c> pairs, by name.</summary>
    public static string Metrics(IEnumerable<KeyValuePair<string, double>> metrics) =>
        string.Join(", ", metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Key + " " + ReportFormat.Number(m.Value)));

    /// <summary>A version number as text.</summary>
    public static string Version(int version) => "v" + version.ToString(CultureInfo.InvariantCulture);
}
