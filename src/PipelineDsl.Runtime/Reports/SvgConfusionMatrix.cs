using System.Globalization;

namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// The confusion matrix of a binary classifier at its decision threshold (<c>data-plot="confusion-matrix"</c>): a 2 x 2
/// grid, actual class by row and predicted class by column, each cell with its count and share of all rows, shaded by count.
/// </summary>
internal static class SvgConfusionMatrix
{
    /// <summary>The plot's <c>data-plot</c> value.</summary>
    public const string Plot = "confusion-matrix";

    private const double Cell = 110;

    /// <summary>The counts: true negatives, false positives, false negatives, true positives.</summary>
    public static (int TrueNegatives, int FalsePositives, int FalseNegatives, int TruePositives) Count(IReadOnlyList<bool> predicted, IReadOnlyList<bool> actual)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        if (predicted.Count != actual.Count)
        {
            throw new ArgumentException($"{predicted.Count} predictions for {actual.Count} labels.", nameof(actual));
        }

        int tn = 0, fp = 0, fn = 0, tp = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            switch (actual[i], predicted[i])
            {
                case (false, false): tn++; break;
                case (false, true): fp++; break;
                case (true, false): fn++; break;
                default: tp++; break;
            }
        }

        return (tn, fp, fn, tp);
    }

    /// <summary>Draws the matrix of <paramref name="predicted"/> against <paramref name="actual"/>.</summary>
    public static string Render(IReadOnlyList<bool> predicted, IReadOnlyList<bool> actual, string title)
    {
        var (tn, fp, fn, tp) = Count(predicted, actual);
        var total = Math.Max(1, tn + fp + fn + tp);
        const double left = 118, top = 74;
        var canvas = new SvgCanvas(Plot, title, width: left + (2 * Cell) + 24, height: top + (2 * Cell) + 56);
        var most = Math.Max(1, Math.Max(Math.Max(tn, fp), Math.Max(fn, tp)));
        (string Name, int Count, int Row, int Column)[] cells =
        [
            ("true negatives", tn, 0, 0), ("false positives", fp, 0, 1),
            ("false negatives", fn, 1, 0), ("true positives", tp, 1, 1),
        ];
        foreach (var (name, count, row, column) in cells)
        {
            var x = left + (column * Cell);
            var y = top + (row * Cell);
            var share = (double)count / most;
            canvas.Rect(x, y, Cell, Cell, Shade(share), stroke: "#ffffff",
                tooltip: string.Create(CultureInfo.InvariantCulture, $"{name}: {count} of {tn + fp + fn + tp} rows"));
            var ink = share > 0.55 ? "#ffffff" : "#111827";
            canvas.Text(x + (Cell / 2), y + (Cell / 2) + 2, ReportFormat.Count(count), anchor: "middle", size: 20, weight: "600", fill: ink);
            canvas.Text(x + (Cell / 2), y + (Cell / 2) + 22, ReportFormat.Percent((double)count / total), anchor: "middle", fill: ink);
            canvas.Text(x + (Cell / 2), y + 16, name, anchor: "middle", size: 10, fill: ink);
        }

        // Axis and tick labels: the predicted class above the columns, the actual class left of the rows.
        canvas.Text(left + Cell, top - 30, "predicted", anchor: "middle", size: 12, fill: "#111827");
        canvas.Text(left + (Cell / 2), top - 10, "negative", anchor: "middle");
        canvas.Text(left + (1.5 * Cell), top - 10, "positive", anchor: "middle");
        canvas.Text(24, top + Cell, "actual", anchor: "middle", size: 12, fill: "#111827", rotate: -90);
        canvas.Text(left - 8, top + (Cell / 2) + 4, "negative", anchor: "end");
        canvas.Text(left - 8, top + (1.5 * Cell) + 4, "positive", anchor: "end");
        canvas.RawPath(
            string.Create(CultureInfo.InvariantCulture, $"M{SvgCanvas.Num(left)} {SvgCanvas.Num(top)}h{SvgCanvas.Num(2 * Cell)}v{SvgCanvas.Num(2 * Cell)}h{SvgCanvas.Num(-2 * Cell)}Z"),
            stroke: "#374151");
        var accuracy = (double)(tn + tp) / total;
        canvas.Text(left + Cell, top + (2 * Cell) + 24, $"accuracy {ReportFormat.Percent(accuracy)} of {ReportFormat.Count(tn + fp + fn + tp)} rows", anchor: "middle", fill: "#4b5563");
        return canvas.Finish();
    }

    /// <summary>A blue from nearly white (0) to dark (1).</summary>
    private static string Shade(double share)
    {
        share = Math.Clamp(share, 0, 1);
        static int Mix(int from, int to, double t) => (int)Math.Round(from + ((to - from) * t));
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(0xef, 0x1d, share):x2}{Mix(0xf6, 0x4e, share):x2}{Mix(0xff, 0xd8, share):x2}");
    }
}
