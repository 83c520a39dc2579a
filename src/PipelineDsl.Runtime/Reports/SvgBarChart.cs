using System.Globalization;

namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// A horizontal bar chart (<c>data-plot="importance"</c> for feature importance): one bar per item from the zero line,
/// largest value on top, with its value printed and an optional error whisker (plus or minus one standard deviation).
/// </summary>
internal static class SvgBarChart
{
    /// <summary>The <c>data-plot</c> value of a feature importance chart.</summary>
    public const string ImportancePlot = "importance";

    /// <summary>Labels longer than this are cut (the full label is the bar's tooltip).</summary>
    private const int LabelLength = 28;

    private const double BarHeight = 20;

    /// <summary>One bar.</summary>
    /// <param name="Label">What it measures (unescaped).</param>
    /// <param name="Value">Its length; NaN draws no bar.</param>
    /// <param name="Error">The half-width of its whisker; 0 or NaN for none.</param>
    internal readonly record struct Bar(string Label, double Value, double Error = 0);

    /// <summary>Draws <paramref name="bars"/>, sorted by value (descending, then label), under <paramref name="title"/>.</summary>
    public static string Render(IReadOnlyList<Bar> bars, string title, string valueLabel, string plot = ImportancePlot)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var sorted = bars
            .OrderByDescending(b => double.IsNaN(b.Value) ? double.NegativeInfinity : b.Value)
            .ThenBy(b => b.Label, StringComparer.Ordinal)
            .ToArray();
        var longest = sorted.Length == 0 ? 8 : sorted.Max(b => Math.Min(LabelLength, b.Label.Length));
        var left = Math.Clamp(14 + (longest * 6.6), 80, 220);
        var canvas = new SvgCanvas(plot, title, width: Math.Max(480, left + 360), height: 38 + 50 + Math.Max(1, sorted.Length) * BarHeight + 8, left: left, right: 56, top: 38, bottom: 50);
        var finite = sorted.Where(b => double.IsFinite(b.Value)).ToArray();
        var low = Math.Min(0, finite.Length == 0 ? 0 : finite.Min(b => b.Value - Whisker(b)));
        var high = Math.Max(0, finite.Length == 0 ? 1 : finite.Max(b => b.Value + Whisker(b)));
        // The data's range (with the zero line) plus a little air, not rounded out to a whole tick step: a bar of -0.003
        // beside one of 0.33 must not stretch the axis to -0.1.
        var pad = (high - low) * 0.03;
        var (min, max) = (low < 0 ? low - pad : 0, high + pad);
        canvas.Scale(min, max, 0, Math.Max(1, sorted.Length));
        canvas.Axes(SvgCanvas.NiceTicks(min, max), [], valueLabel, string.Empty);
        if (sorted.Length == 0)
        {
            canvas.Text((canvas.Left + canvas.Right) / 2, (canvas.Top + canvas.Bottom) / 2, "nothing to show", anchor: "middle", fill: "#b91c1c");
            return canvas.Finish();
        }

        var zero = canvas.X(0);
        for (var i = 0; i < sorted.Length; i++)
        {
            var bar = sorted[i];
            var y = canvas.Top + (i * BarHeight) + 3;
            var label = bar.Label.Length > LabelLength ? bar.Label[..(LabelLength - 1)] + "\u2026" : bar.Label;
            canvas.Text(canvas.Left - 7, y + (BarHeight / 2) + 1, label, anchor: "end");
            var valueText = ReportFormat.Number(bar.Value);
            var tooltip = double.IsFinite(bar.Error) && bar.Error > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{bar.Label}: {valueText} \u00b1 {ReportFormat.Number(bar.Error)}")
                : $"{bar.Label}: {valueText}";
            if (!double.IsFinite(bar.Value))
            {
                canvas.Text(zero + 4, y + (BarHeight / 2) + 1, valueText, fill: "#6b7280");
                continue;
            }

            var end = canvas.X(bar.Value);
            canvas.Rect(Math.Min(zero, end), y, Math.Abs(end - zero), BarHeight - 6, bar.Value >= 0 ? "#2563eb" : "#dc2626", tooltip: tooltip);
            var whisker = Whisker(bar);
            if (whisker > 0)
            {
                var mid = y + ((BarHeight - 6) / 2);
                canvas.RawPath(
                    $"M{SvgCanvas.Num(canvas.X(bar.Value - whisker))} {SvgCanvas.Num(mid)}H{SvgCanvas.Num(canvas.X(bar.Value + whisker))}",
                    stroke: "#111827",
                    width: 1);
            }

            var textX = Math.Max(Math.Max(zero, end), canvas.X(bar.Value + whisker)) + 4;
            canvas.Text(textX, y + (BarHeight / 2) + 1, valueText, fill: "#111827");
        }

        canvas.RawPath($"M{SvgCanvas.Num(zero)} {SvgCanvas.Num(canvas.Top)}V{SvgCanvas.Num(canvas.Bottom)}", stroke: "#374151", width: 1);
        return canvas.Finish();
    }

    private static double Whisker(Bar bar) => double.IsFinite(bar.Error) && bar.Error > 0 ? bar.Error : 0;
}
