using System.Globalization;

namespace PipelineDsl.Runtime.Reports;

/// <summary>The ROC curve of a binary classifier on its holdout, with the chance diagonal and the AUC in the title (<c>data-plot="roc"</c>).</summary>
internal static class SvgRocCurve
{
    /// <summary>The plot's <c>data-plot</c> value.</summary>
    public const string Plot = "roc";

    /// <summary>Draws the curve of <paramref name="scores"/> against <paramref name="labels"/>; the title gets <c>(AUC x)</c> appended.</summary>
    public static string Render(IReadOnlyList<float> scores, IReadOnlyList<bool> labels, string title)
    {
        var curve = RocCurve.Compute(scores, labels);
        var full = $"{title} (AUC {ReportFormat.Number(curve.Auc, "0.0000")})";
        var canvas = new SvgCanvas(Plot, full, width: 400, height: 380);
        canvas.Scale(0, 1, 0, 1);
        var ticks = SvgCanvas.NiceTicks(0, 1, 5);
        canvas.Axes(ticks, ticks, "false positive rate", "true positive rate");
        canvas.Line([(0, 0), (1, 1)], stroke: "#9ca3af", width: 1.2, dash: "5 4", series: "chance");
        if (curve.Points.Count == 0)
        {
            canvas.Text((canvas.Left + canvas.Right) / 2, (canvas.Top + canvas.Bottom) / 2, "the holdout needs rows of both classes", anchor: "middle", fill: "#b91c1c");
            return canvas.Finish();
        }

        var points = Corners(SvgDownsample.Positions(curve.Points.Count).Select(i => curve.Points[i]).ToArray());

        // The area under the curve, lightly filled, then the curve itself.
        canvas.Line(points.Append((1, 0)).Append((0, 0)), stroke: "none", width: 0, fill: "#dbeafe", series: "area");
        canvas.Line(points, stroke: "#2563eb", width: 2, series: "roc");
        canvas.Text(canvas.Right - 6, canvas.Bottom - 8,
            string.Create(CultureInfo.InvariantCulture, $"{curve.Positives} positive / {curve.Negatives} negative rows"), anchor: "end", fill: "#4b5563");
        return canvas.Finish();
    }

    /// <summary>
    /// The points where the curve turns: inner points of a vertical or horizontal run are dropped (the steps of an
    /// ROC curve), which draws the same line with a fraction of the points.
    /// </summary>
    internal static (double Fpr, double Tpr)[] Corners(IReadOnlyList<(double Fpr, double Tpr)> points)
    {
        var kept = new List<(double Fpr, double Tpr)>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0 && i < points.Count - 1)
            {
                var (before, here, after) = (points[i - 1], points[i], points[i + 1]);
                if ((before.Fpr == here.Fpr && here.Fpr == after.Fpr) || (before.Tpr == here.Tpr && here.Tpr == after.Tpr))
                {
                    continue;
                }
            }

            kept.Add(points[i]);
        }

        return [.. kept];
    }
}
