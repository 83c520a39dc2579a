using System.Globalization;

namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// The reliability diagram of a binary classifier's probabilities (<c>data-plot="calibration"</c>): the holdout cut into
/// ten equal-width probability bins (the bins of the calibration-error metric), each non-empty bin's mean predicted
/// probability against its observed share of positives, beside the diagonal of perfect calibration; grey bars along
/// the bottom show how many rows fall in each bin.
/// </summary>
internal static class SvgCalibrationDiagram
{
    /// <summary>The plot's <c>data-plot</c> value.</summary>
    public const string Plot = "calibration";

    /// <summary>How many bins the diagram uses.</summary>
    public const int Bins = 10;

    /// <summary>One bin: how many rows, their mean predicted probability and their share of positives.</summary>
    /// <param name="Lower">The bin's lower edge.</param>
    /// <param name="Upper">The bin's upper edge.</param>
    /// <param name="Rows">How many rows fall in it.</param>
    /// <param name="MeanPredicted">Their mean predicted probability (NaN when empty).</param>
    /// <param name="ObservedRate">Their share of positives (NaN when empty).</param>
    internal readonly record struct Bin(double Lower, double Upper, int Rows, double MeanPredicted, double ObservedRate);

    /// <summary>The bins of <paramref name="probabilities"/> against <paramref name="labels"/> (non-finite probabilities left out).</summary>
    public static IReadOnlyList<Bin> Compute(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (probabilities.Count != labels.Count)
        {
            throw new ArgumentException($"{probabilities.Count} probabilities for {labels.Count} labels.", nameof(labels));
        }

        var count = new int[Bins];
        var sum = new double[Bins];
        var positives = new int[Bins];
        for (var i = 0; i < probabilities.Count; i++)
        {
            if (!float.IsFinite(probabilities[i]))
            {
                continue;
            }

            var p = Math.Clamp((double)probabilities[i], 0, 1);
            var bin = Math.Min((int)(p * Bins), Bins - 1);
            count[bin]++;
            sum[bin] += p;
            positives[bin] += labels[i] ? 1 : 0;
        }

        return Enumerable.Range(0, Bins)
            .Select(b => new Bin(
                (double)b / Bins,
                (double)(b + 1) / Bins,
                count[b],
                count[b] == 0 ? double.NaN : sum[b] / count[b],
                count[b] == 0 ? double.NaN : (double)positives[b] / count[b]))
            .ToArray();
    }

    /// <summary>Draws the diagram.</summary>
    public static string Render(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels, string title)
    {
        var bins = Compute(probabilities, labels);
        var canvas = new SvgCanvas(Plot, title, width: 400, height: 380);
        canvas.Scale(0, 1, 0, 1);
        var ticks = SvgCanvas.NiceTicks(0, 1, 5);
        canvas.Axes(ticks, ticks, "mean predicted probability", "observed share of positives");

        // Row counts: bars along the bottom, the fullest bin a fifth of the plot's height.
        var most = Math.Max(1, bins.Max(b => b.Rows));
        foreach (var bin in bins.Where(b => b.Rows > 0))
        {
            var height = (canvas.Bottom - canvas.Top) * 0.2 * bin.Rows / most;
            canvas.Rect(
                canvas.X(bin.Lower) + 1,
                canvas.Bottom - height,
                canvas.X(bin.Upper) - canvas.X(bin.Lower) - 2,
                height,
                fill: "#d1d5db",
                tooltip: string.Create(CultureInfo.InvariantCulture, $"{ReportFormat.Number(bin.Lower, "0.0")}-{ReportFormat.Number(bin.Upper, "0.0")}: {bin.Rows} rows"));
        }

        canvas.Line([(0, 0), (1, 1)], stroke: "#9ca3af", width: 1.2, dash: "5 4", series: "perfect");
        var filled = bins.Where(b => b.Rows > 0).ToArray();
        if (filled.Length == 0)
        {
            canvas.Text((canvas.Left + canvas.Right) / 2, (canvas.Top + canvas.Bottom) / 2, "no rows to bin", anchor: "middle", fill: "#b91c1c");
            return canvas.Finish();
        }

        canvas.Line(filled.Select(b => (b.MeanPredicted, b.ObservedRate)), stroke: "#2563eb", width: 2, series: "calibration");
        foreach (var bin in filled)
        {
            canvas.Circle(
                canvas.X(bin.MeanPredicted),
                canvas.Y(bin.ObservedRate),
                3.5,
                "#2563eb",
                string.Create(CultureInfo.InvariantCulture, $"{bin.Rows} rows: predicted {ReportFormat.Number(bin.MeanPredicted, "0.000")}, observed {ReportFormat.Number(bin.ObservedRate, "0.000")}"));
        }

        return canvas.Finish();
    }
}
