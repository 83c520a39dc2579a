using System.Globalization;

namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// One feature's distribution at training time against a serving window (<c>data-plot="histogram"</c>): the reference
/// as grey bars, the current window as an outlined step line (red when the feature drifted), both as shares of their
/// sample over the same bins, so that two samples of different sizes compare. Numeric features get equal-width bins over
/// both samples' range; categorical ones one bar per category. The root carries <c>data-feature</c> and
/// <c>data-drifted</c>.
/// </summary>
internal static class SvgHistogramOverlay
{
    /// <summary>The <c>data-plot</c> value.</summary>
    public const string Plot = "histogram";

    /// <summary>Bins of a numeric histogram.</summary>
    public const int DefaultBins = 20;

    /// <summary>At most this many categories are drawn (the most frequent in the reference).</summary>
    private const int MaxCategories = 24;

    private const string ReferenceFill = "#9ca3af";

    /// <summary>
    /// <paramref name="bins"/> + 1 equal-width edges over the finite values of both samples; an empty or single-valued range
    /// is widened so that every value falls inside. Fewer bins when the values are few distinct integers (one bin each).
    /// </summary>
    public static double[] BinEdges(IReadOnlyList<double> reference, IReadOnlyList<double> current, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        var integers = true;
        foreach (var v in reference.Concat(current))
        {
            if (!double.IsFinite(v))
            {
                continue;
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
            integers &= v == Math.Round(v);
        }

        if (!double.IsFinite(min))
        {
            (min, max) = (0, 1);
        }
        else if (max - min < 1e-12)
        {
            var pad = Math.Abs(min) > 1e-12 ? Math.Abs(min) * 0.1 : 0.5;
            (min, max) = (min - pad, max + pad);
        }
        else if (integers && max - min + 1 <= bins)
        {
            // A few distinct integers (counts, flags): one bin centred on each value.
            bins = (int)(max - min) + 1;
            (min, max) = (min - 0.5, max + 0.5);
        }

        var edges = new double[bins + 1];
        for (var i = 0; i <= bins; i++)
        {
            edges[i] = min + ((max - min) * i / bins);
        }

        edges[bins] = max;
        return edges;
    }

    /// <summary>
    /// The share of the finite <paramref name="values"/> in each bin: bin i is [edges[i], edges[i+1]), the last one closed;
    /// values outside the edges count in the nearest end bin. All zeros when there is no finite value.
    /// </summary>
    public static double[] Shares(IReadOnlyList<double> values, IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(edges);
        if (edges.Count < 2)
        {
            throw new ArgumentException("A histogram needs at least two edges.", nameof(edges));
        }

        var bins = edges.Count - 1;
        var counts = new double[bins];
        var total = 0;
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                continue;
            }

            counts[Bin(v, edges)]++;
            total++;
        }

        if (total > 0)
        {
            for (var i = 0; i < bins; i++)
            {
                counts[i] /= total;
            }
        }

        return counts;
    }

    /// <summary>The bin of <paramref name="value"/> (binary search; clamped to the end bins).</summary>
    public static int Bin(double value, IReadOnlyList<double> edges)
    {
        var bins = edges.Count - 1;
        if (value < edges[1])
        {
            return 0;
        }

        if (value >= edges[bins - 1])
        {
            return bins - 1;
        }

        int low = 1, high = bins - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (value >= edges[mid])
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    /// <summary>Draws a numeric feature's reference sample against the current one (both unweighted samples, e.g. sketches).</summary>
    /// <param name="feature">The feature's name (<c>data-feature</c>).</param>
    /// <param name="reference">The training sample (the profile's sketch).</param>
    /// <param name="current">The window's sample.</param>
    /// <param name="drifted">Whether the feature drifted (<c>data-drifted</c>, and the colour of the current line).</param>
    /// <param name="title">The title.</param>
    /// <param name="caption">The test values, one line under the title.</param>
    public static string Render(string feature, IReadOnlyList<double> reference, IReadOnlyList<double> current, bool drifted, string title, string caption)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var edges = BinEdges(reference, current);
        var labels = new string[edges.Length - 1];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = string.Create(CultureInfo.InvariantCulture, $"[{ReportFormat.Number(edges[i])}, {ReportFormat.Number(edges[i + 1])}{(i == labels.Length - 1 ? "]" : ")")}");
        }

        return Draw(feature, Shares(reference, edges), Shares(current, edges), labels, (edges[0], edges[^1]), drifted, title, caption, feature, categorical: false);
    }

    /// <summary>
    /// Draws a categorical feature: the reference's category counts against the current sample's values (each the
    /// category's number, as the profile's invariant "R" text names it).
    /// </summary>
    public static string RenderCategories(
        string feature, IReadOnlyDictionary<string, long> reference, IReadOnlyList<double> current, bool drifted, string title, string caption)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var currentCounts = current.Where(double.IsFinite)
            .GroupBy(v => v.ToString("R", CultureInfo.InvariantCulture), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var categories = reference.Keys.Union(currentCounts.Keys, StringComparer.Ordinal)
            .OrderByDescending(c => reference.GetValueOrDefault(c))
            .ThenByDescending(c => currentCounts.GetValueOrDefault(c))
            .ThenBy(c => c, StringComparer.Ordinal)
            .Take(MaxCategories)
            .ToArray();
        static double[] Share(IReadOnlyDictionary<string, long> counts, string[] categories)
        {
            var total = (double)counts.Values.Sum();
            return categories.Select(c => total > 0 ? counts.GetValueOrDefault(c) / total : 0).ToArray();
        }

        return Draw(feature, Share(reference, categories), Share(currentCounts, categories), categories, (0, Math.Max(1, categories.Length)), drifted, title, caption, feature + " (category)", categorical: true);
    }

    private static string Draw(
        string feature, double[] reference, double[] current, string[] binLabels, (double Min, double Max) xRange, bool drifted, string title, string caption, string xLabel, bool categorical)
    {
        var canvas = new SvgCanvas(
            Plot, title, width: 420, height: 300, left: 56, right: 16, top: 56, bottom: 48,
            attributes: [("data-feature", feature), ("data-drifted", drifted ? "true" : "false")]);
        canvas.Text(canvas.Width / 2, 36, caption, anchor: "middle", size: 10, fill: drifted ? "#b91c1c" : "#4b5563");
        var top = Math.Max(reference.DefaultIfEmpty(0).Max(), current.DefaultIfEmpty(0).Max());
        var (yMin, yMax) = SvgCanvas.NiceRange(0, Math.Max(top, 0.01));
        canvas.Scale(xRange.Min, xRange.Max, yMin, yMax);
        var bins = reference.Length;
        IReadOnlyList<double> xTicks = categorical ? [] : SvgCanvas.NiceTicks(xRange.Min, xRange.Max);
        canvas.Axes(xTicks, SvgCanvas.NiceTicks(yMin, yMax), xLabel, "share of rows");
        var width = (xRange.Max - xRange.Min) / Math.Max(1, bins);
        for (var i = 0; i < bins; i++)
        {
            var x0 = canvas.X(xRange.Min + (i * width));
            var x1 = canvas.X(xRange.Min + ((i + 1) * width));
            var y = canvas.Y(reference[i]);
            canvas.Rect(
                x0 + 0.5, y, x1 - x0 - 1, canvas.Bottom - y, ReferenceFill, opacity: 0.6,
                tooltip: string.Create(CultureInfo.InvariantCulture, $"{binLabels[i]}: reference {ReportFormat.Percent(reference[i])}, current {ReportFormat.Percent(current[i])}"),
                attributes: [("data-series", "reference")]);
            if (categorical)
            {
                var label = binLabels[i].Length > 8 ? binLabels[i][..7] + "\u2026" : binLabels[i];
                canvas.Text((x0 + x1) / 2, canvas.Bottom + 14, label, anchor: "middle", size: 9);
            }
        }

        // The current window as a step line over the same bins.
        var d = new System.Text.StringBuilder();
        for (var i = 0; i < bins; i++)
        {
            var x0 = canvas.X(xRange.Min + (i * width));
            var x1 = canvas.X(xRange.Min + ((i + 1) * width));
            var y = canvas.Y(current[i]);
            d.Append(i == 0 ? $"M{SvgCanvas.Num(x0)} {SvgCanvas.Num(canvas.Bottom)}V{SvgCanvas.Num(y)}" : $"V{SvgCanvas.Num(y)}").Append('H').Append(SvgCanvas.Num(x1));
        }

        if (bins > 0)
        {
            d.Append('V').Append(SvgCanvas.Num(canvas.Bottom));
            canvas.RawPath(d.ToString(), stroke: drifted ? "#dc2626" : "#2563eb", width: 2, series: "current");
        }

        // Legend.
        var lx = canvas.Right - 120;
        canvas.Rect(lx, canvas.Top + 4, 10, 10, ReferenceFill, opacity: 0.6);
        canvas.Text(lx + 14, canvas.Top + 13, "reference (training)", size: 10);
        canvas.RawPath($"M{SvgCanvas.Num(lx)} {SvgCanvas.Num(canvas.Top + 24)}h10", stroke: drifted ? "#dc2626" : "#2563eb", width: 2);
        canvas.Text(lx + 14, canvas.Top + 28, drifted ? "current: DRIFTED" : "current: stable", size: 10, fill: drifted ? "#b91c1c" : "#047857", weight: "600");
        return canvas.Finish();
    }
}
