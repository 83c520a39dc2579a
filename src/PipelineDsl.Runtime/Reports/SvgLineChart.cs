using System.Globalization;

namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// Several series over the same x axis (<c>data-plot="psi-over-time"</c> for drift over time): one path per series
/// (<c>data-series</c> its name, <c>data-drifted</c> whether it is marked), marked series drawn in colour and thicker with
/// a dot at each marked point, the others thin and grey; an optional dashed threshold line; a legend on the right.
/// </summary>
internal static class SvgLineChart
{
    /// <summary>The <c>data-plot</c> value of the PSI-per-window chart.</summary>
    public const string PsiPlot = "psi-over-time";

    /// <summary>Legend labels longer than this are cut.</summary>
    private const int LabelLength = 22;

    private static readonly string[] Palette = ["#dc2626", "#ea580c", "#7c3aed", "#db2777", "#b45309", "#0891b2", "#4d7c0f", "#1d4ed8"];

    /// <summary>One line.</summary>
    /// <param name="Name">Its name (legend, <c>data-series</c>).</param>
    /// <param name="Points">Its points, in x order (non-finite ones are skipped).</param>
    /// <param name="MarkedX">The x values where it is marked (drifted windows); a series with any is drawn in colour.</param>
    internal sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points, IReadOnlyList<double> MarkedX);

    /// <summary>Draws <paramref name="series"/>; <paramref name="threshold"/>, when given, as a dashed horizontal line.</summary>
    public static string Render(string plot, string title, IReadOnlyList<Series> series, string xLabel, string yLabel, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var legendRows = Math.Max(1, series.Count);
        var canvas = new SvgCanvas(plot, title, width: 760, height: Math.Max(340, 38 + 48 + (legendRows * 16) + 10), left: 62, right: 190, top: 38, bottom: 48);
        var points = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray();
        var xMin = points.Length == 0 ? 0 : points.Min(p => p.X);
        var xMax = points.Length == 0 ? 1 : points.Max(p => p.X);
        var yTop = Math.Max(points.Length == 0 ? 0 : points.Max(p => p.Y), threshold is { } t && double.IsFinite(t) ? t : 0);
        var (yMin, yMax) = SvgCanvas.NiceRange(Math.Min(0, points.Length == 0 ? 0 : points.Min(p => p.Y)), Math.Max(yTop * 1.05, 0.01));
        canvas.Scale(xMin, xMax, yMin, yMax);
        var xTicks = SvgCanvas.NiceTicks(xMin, xMax, Math.Min(10, Math.Max(1, (int)(xMax - xMin))));
        canvas.Axes(xTicks, SvgCanvas.NiceTicks(yMin, yMax), xLabel, yLabel);
        if (threshold is { } limit && double.IsFinite(limit))
        {
            canvas.Line([(xMin, limit), (xMax, limit)], stroke: "#111827", width: 1, dash: "6 4", series: "threshold");
            canvas.Text(canvas.Right - 4, canvas.Y(limit) - 4, "threshold " + ReportFormat.Number(limit), anchor: "end", size: 10, fill: "#111827");
        }

        if (points.Length == 0)
        {
            canvas.Text((canvas.Left + canvas.Right) / 2, (canvas.Top + canvas.Bottom) / 2, "nothing to show", anchor: "middle", fill: "#b91c1c");
        }

        // Unmarked series first, so that the marked ones are drawn on top.
        var colour = 0;
        var colours = series.Select(s => s.MarkedX.Count > 0 ? Palette[colour++ % Palette.Length] : "#9ca3af").ToArray();
        foreach (var i in Enumerable.Range(0, series.Count).OrderBy(i => series[i].MarkedX.Count > 0 ? 1 : 0))
        {
            var s = series[i];
            var marked = s.MarkedX.Count > 0;
            var d = new System.Text.StringBuilder();
            foreach (var (x, y) in s.Points)
            {
                if (double.IsFinite(x) && double.IsFinite(y))
                {
                    d.Append(d.Length == 0 ? 'M' : 'L').Append(SvgCanvas.Num(canvas.X(x))).Append(' ').Append(SvgCanvas.Num(canvas.Y(y)));
                }
            }

            if (d.Length > 0)
            {
                canvas.RawPath(d.ToString(), colours[i], marked ? 2.2 : 1.2, series: s.Name, attributes: [("data-drifted", marked ? "true" : "false")]);
            }

            foreach (var x in s.MarkedX)
            {
                var point = s.Points.FirstOrDefault(p => p.X == x);
                if (double.IsFinite(point.Y))
                {
                    canvas.Circle(
                        canvas.X(x), canvas.Y(point.Y), 3.5, colours[i],
                        tooltip: string.Create(CultureInfo.InvariantCulture, $"{s.Name}: drifted at {ReportFormat.Number(x)} ({yLabel} {ReportFormat.Number(point.Y)})"));
                }
            }
        }

        // Legend: marked series in their colour and bold.
        var lx = canvas.Right + 14;
        for (var i = 0; i < series.Count; i++)
        {
            var y = canvas.Top + 8 + (i * 16);
            var marked = series[i].MarkedX.Count > 0;
            canvas.RawPath($"M{SvgCanvas.Num(lx)} {SvgCanvas.Num(y)}h16", colours[i], marked ? 2.2 : 1.2);
            var name = series[i].Name.Length > LabelLength ? series[i].Name[..(LabelLength - 1)] + "\u2026" : series[i].Name;
            canvas.Text(lx + 22, y + 4, marked ? name + " (drifted)" : name, size: 10, fill: marked ? colours[i] : "#374151", weight: marked ? "600" : null);
        }

        return canvas.Finish();
    }
}
