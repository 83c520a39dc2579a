using System.Globalization;
using PipelineDsl.Runtime.Monitoring;

namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// The HTML drift report of a <see cref="MonitorReport"/>: a header (pipeline, version, source, windows, alerts), the
/// alerts, a summary per window (rows, invalid rate, drifted features, live metric), the PSI of every feature per
/// window (drift over time, drifted features marked), and per feature (and the prediction) a histogram of the training
/// reference (the profile's sketch) against one window (the one with the most drifted features, else the last) with
/// the test values and the verdict. Self-contained: inline CSS and SVG, no script. The dashboard's drift page reuses
/// the sections.
/// </summary>
public static class DriftReport
{
    /// <summary>The report as one self-contained HTML page.</summary>
    /// <param name="report">What <c>monitor</c> found.</param>
    /// <param name="profile">The version's training profile (the histograms' reference).</param>
    /// <param name="psiThreshold">The declared PSI threshold, drawn on the chart (null: taken from a PSI alert, if any).</param>
    public static string Render(MonitorReport report, ReferenceProfile profile, double? psiThreshold = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(profile);
        var document = new ReportDocument($"Drift report: {report.Pipeline} v{report.Version.ToString(CultureInfo.InvariantCulture)}");
        document.Heading(1, $"Drift report: {report.Pipeline} v{report.Version.ToString(CultureInfo.InvariantCulture)}", "top");
        Header(document, report, profile);
        Alerts(document, report);
        Windows(document, report);
        DriftOverTime(document, report, psiThreshold);
        Features(document, report, profile);
        return HtmlRenderer.Render(document);
    }

    /// <summary>The header facts: pipeline, version, source, windows, rows, alerts, the reference and the skew check.</summary>
    internal static void Header(ReportDocument document, MonitorReport report, ReferenceProfile? profile)
    {
        var skewed = report.Skew.Where(c => c.Drifted).Select(c => c.Name).ToArray();
        var facts = new List<(string, ReportInline)>
        {
            ("pipeline", ReportInline.Code(report.Pipeline)),
            ("version", ReportInline.Code("v" + report.Version.ToString(CultureInfo.InvariantCulture))),
            ("source", ReportInline.Code(report.Source)),
            ("windows", ReportFormat.Count(report.Windows.Count)),
            ("rows", ReportFormat.Count(report.Windows.Sum(w => w.Rows))),
            ("alerts", report.Alerts.Count == 0 ? new ReportInline("none", InlineKind.Good) : new ReportInline(ReportFormat.Count(report.Alerts.Count), InlineKind.Bad)),
        };
        if (report.Windows.Count > 0 && report.Windows[0].Start is { } start && report.Windows[^1].End is { } end)
        {
            facts.Add(("period", $"{ReportFormat.Time(start)} .. {ReportFormat.Time(end)}"));
        }

        if (profile is not null)
        {
            facts.Add(("reference", $"{ReportFormat.Count(profile.TrainingRows)} training rows, feature set {ReportFormat.ShortHash(profile.FeatureSetHash)}"));
        }

        facts.Add(("skew check", skewed.Length == 0
            ? new ReportInline("no feature diverges over the whole period", InlineKind.Good)
            : new ReportInline("the input data differs for " + string.Join(", ", skewed), InlineKind.Bad)));
        document.Facts(facts);
    }

    /// <summary>The alerts table (window, kind, subject, rule, value, threshold, action), or a line saying there are none.</summary>
    internal static void Alerts(ReportDocument document, MonitorReport report)
    {
        document.Heading(2, "Alerts", "alerts");
        if (report.Alerts.Count == 0)
        {
            document.Paragraph(new ReportInline("No threshold was crossed.", InlineKind.Good));
            return;
        }

        document.Table(
            ["window", "kind", "subject", "rule", "value", "threshold", "action"],
            report.Alerts.Select(a => (IReadOnlyList<ReportInline>)
            [
                ReportFormat.Count(a.Window), a.Kind, ReportInline.Code(a.Subject), ReportInline.Code(a.Rule),
                Statistic(a.Value), Statistic(a.Threshold), new ReportInline(a.Action.ToString(), InlineKind.Bad),
            ]),
            [true, false, false, false, true, true, false]);
    }

    /// <summary>One row per window: span, rows, invalid rate, drifted features, the prediction's drift, the live metric.</summary>
    internal static void Windows(ReportDocument document, MonitorReport report)
    {
        document.Heading(2, "Windows", "windows");
        if (report.Windows.Count == 0)
        {
            document.Paragraph(ReportInline.Plain("No window: there were no rows to monitor."));
            return;
        }

        document.Table(
            ["window", "span", "rows", "invalid rate", "drifted features", "prediction", "live metric", "alerts"],
            report.Windows.Select(w =>
            {
                var drifted = w.Features.Where(f => f.Drifted).Select(f => f.Name).ToArray();
                var span = w.Start is { } a && w.End is { } b ? $"{ReportFormat.Time(a)} .. {ReportFormat.Time(b)}" : "-";
                var live = w.Decay is { } d
                    ? d.Live is { } l
                        ? new ReportInline($"{d.Metric} {ReportFormat.Number(l)} ({ReportFormat.Count(d.LabelledRows)} labelled)", d.Decayed ? InlineKind.Bad : InlineKind.Text)
                        : new ReportInline($"{d.Metric}: {ReportFormat.Count(d.LabelledRows)} labelled", InlineKind.Muted)
                    : new ReportInline("no labels", InlineKind.Muted);
                return (IReadOnlyList<ReportInline>)
                [
                    ReportFormat.Count(w.Number), span, ReportFormat.Count(w.Rows), ReportFormat.Percent(w.Quality.InvalidRate),
                    drifted.Length == 0 ? new ReportInline("none", InlineKind.Good) : new ReportInline(string.Join(", ", drifted), InlineKind.Bad),
                    w.Prediction.Drifted ? new ReportInline("drifted", InlineKind.Bad) : new ReportInline("stable", InlineKind.Good),
                    live,
                    w.Alerts.Count == 0 ? "-" : new ReportInline(ReportFormat.Count(w.Alerts.Count), InlineKind.Bad),
                ];
            }),
            [true, false, true, true, false, false, false, true]);
    }

    /// <summary>The drift-over-time section: the PSI chart.</summary>
    internal static void DriftOverTime(ReportDocument document, MonitorReport report, double? psiThreshold)
    {
        document.Heading(2, "Drift over time", "drift-over-time");
        document.Paragraph(ReportInline.Plain("The population stability index of every feature and of the prediction, window by window; features that drifted in a window are drawn in colour with a dot there."));
        document.Plot(PsiChart(report, psiThreshold), "PSI per window for every feature");
    }

    /// <summary>The PSI of every feature (and the prediction) per window, drifted features marked.</summary>
    internal static string PsiChart(MonitorReport report, double? psiThreshold)
    {
        ArgumentNullException.ThrowIfNull(report);
        var names = report.Windows.SelectMany(w => w.Features.Append(w.Prediction)).Select(c => c.Name).Distinct(StringComparer.Ordinal).ToArray();
        var series = names.Select(name =>
        {
            var columns = report.Windows
                .Select(w => (Window: w.Number, Column: w.Features.Append(w.Prediction).FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal))))
                .Where(p => p.Column is not null)
                .ToArray();
            return new SvgLineChart.Series(
                name,
                columns.Select(p => ((double)p.Window, p.Column!.Psi)).ToArray(),
                columns.Where(p => p.Column!.Drifted).Select(p => (double)p.Window).ToArray());
        }).ToArray();
        var threshold = psiThreshold ?? report.Alerts.FirstOrDefault(a => a.Rule == "psi" && a.Kind == "drift")?.Threshold;
        return SvgLineChart.Render(SvgLineChart.PsiPlot, $"PSI per window: {report.Pipeline} v{report.Version.ToString(CultureInfo.InvariantCulture)}", series, "window", "PSI", threshold);
    }

    /// <summary>The window the histograms show: the one with the most drifted features (the latest of equals), else the last.</summary>
    internal static MonitorWindow? FocusWindow(MonitorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        MonitorWindow? best = null;
        var most = 0;
        foreach (var window in report.Windows)
        {
            var drifted = window.Features.Count(f => f.Drifted) + (window.Prediction.Drifted ? 1 : 0);
            if (drifted > 0 && drifted >= most)
            {
                (best, most) = (window, drifted);
            }
        }

        return best ?? (report.Windows.Count > 0 ? report.Windows[^1] : null);
    }

    /// <summary>Per feature and the prediction: the test values in one table, then a histogram overlay each.</summary>
    internal static void Features(ReportDocument document, MonitorReport report, ReferenceProfile profile)
    {
        document.Heading(2, "Features", "features");
        var window = FocusWindow(report);
        if (window is null)
        {
            document.Paragraph(ReportInline.Plain("No window: nothing to compare with the training profile."));
            return;
        }

        document.Paragraph(ReportInline.Plain(
            $"Window {window.Number.ToString(CultureInfo.InvariantCulture)} ({(window.Features.Any(f => f.Drifted) || window.Prediction.Drifted ? "the window with the most drifted features" : "the last window")}, {ReportFormat.Count(window.Rows)} rows) against the training reference ({ReportFormat.Count(profile.TrainingRows)} rows; the prediction against the holdout)."));
        var columns = window.Features.Append(window.Prediction).ToArray();
        document.Table(
            ["feature", "kind", "PSI", "KS D", "KS p", "JS distance", "Wasserstein", "chi-square", "chi-square p", "mean (reference)", "verdict"],
            columns.Select(c =>
            {
                var reference = Reference(profile, c.Name);
                return (IReadOnlyList<ReportInline>)
                [
                    ReportInline.Code(c.Name), c.Kind.ToString().ToLowerInvariant(), Statistic(c.Psi), Statistic(c.KsStatistic), PValue(c.KsPValue),
                    Statistic(c.JensenShannon), Statistic(c.Wasserstein), Statistic(c.ChiSquare), PValue(c.ChiSquarePValue),
                    $"{ReportFormat.Number(c.Mean)} ({(reference is null ? "-" : ReportFormat.Number(reference.Mean))})",
                    Verdict(c),
                ];
            }),
            [false, false, true, true, true, true, true, true, true, true, false]);
        foreach (var column in columns)
        {
            document.Plot(Histogram(profile, column, window.Number), $"{column.Name}: reference vs window {window.Number.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>One column's histogram overlay: the profile's sketch (or category counts) against the window's sketch.</summary>
    internal static string Histogram(ReferenceProfile profile, ColumnDrift column, int window)
    {
        var reference = Reference(profile, column.Name);
        var title = $"{column.Name}: training vs window {window.ToString(CultureInfo.InvariantCulture)}";
        var caption = Caption(column);
        return column.Kind == ColumnKind.Categorical && reference?.Categories is { } categories
            ? SvgHistogramOverlay.RenderCategories(column.Name, categories, column.Sketch, column.Drifted, title, caption)
            : SvgHistogramOverlay.Render(column.Name, reference?.Sketch ?? [], column.Sketch, column.Drifted, title, caption);
    }

    /// <summary>The test values on one line: PSI, KS D and p, JS, and Wasserstein or chi-square and p.</summary>
    internal static string Caption(ColumnDrift column)
    {
        var parts = new List<string> { "PSI " + Statistic(column.Psi) };
        if (column.KsStatistic is { } d)
        {
            parts.Add($"KS D {Statistic(d)} p {PValue(column.KsPValue)}");
        }

        parts.Add("JS " + Statistic(column.JensenShannon));
        if (column.Wasserstein is { } w)
        {
            parts.Add("W " + Statistic(w));
        }

        if (column.ChiSquare is { } chi)
        {
            parts.Add($"\u03c7\u00b2 {Statistic(chi)} p {PValue(column.ChiSquarePValue)}");
        }

        return string.Join(" \u00b7 ", parts) + (column.Drifted ? " \u00b7 DRIFTED" : " \u00b7 stable");
    }

    private static ReportInline Verdict(ColumnDrift column) => column.Drifted
        ? new ReportInline("DRIFTED: " + string.Join("; ", column.Reasons.Select(r => r.Text)), InlineKind.Bad)
        : new ReportInline("stable", InlineKind.Good);

    private static MonitoredColumn? Reference(ReferenceProfile profile, string name) =>
        string.Equals(name, profile.Prediction.Name, StringComparison.Ordinal) && !profile.Features.Any(f => string.Equals(f.Name, name, StringComparison.Ordinal))
            ? profile.Prediction
            : profile.Features.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    /// <summary>A statistic: four decimals, or an exponent when it is very small.</summary>
    private static string Statistic(double? value) => value is { } v && v != 0 && Math.Abs(v) < 1e-3 && double.IsFinite(v)
        ? v.ToString("0.##e+0", CultureInfo.InvariantCulture)
        : ReportFormat.Number(value);

    /// <summary>A p-value: an exponent below 0.001, <c>&lt; 1e-300</c> for an underflow.</summary>
    private static string PValue(double? value) => value switch
    {
        null => "-",
        0 => "< 1e-300",
        { } v => Statistic(v),
    };
}
