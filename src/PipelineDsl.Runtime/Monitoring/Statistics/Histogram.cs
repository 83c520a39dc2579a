namespace PipelineDsl.Runtime.Monitoring.Statistics;

/// <summary>Bin counts of sorted samples, by binary search on the bin edges (O(bins log n), no pass over the values).</summary>
internal static class Histogram
{
    /// <summary>
    /// The edges of <paramref name="bins"/> equal-width bins over [<paramref name="low"/>, <paramref name="high"/>],
    /// computed as <c>np.linspace(low, high, bins + 1)</c> computes them (edge k = k * step + low, the last one
    /// exactly high), with NumPy's widening to [low - 0.5, high + 0.5] when low equals high.
    /// </summary>
    public static double[] EqualWidthEdges(double low, double high, int bins)
    {
        if (low == high)
        {
            low -= 0.5;
            high += 0.5;
        }

        var edges = new double[bins + 1];
        var step = (high - low) / bins;
        for (var k = 0; k < bins; k++)
        {
            edges[k] = (k * step) + low;
        }

        edges[bins] = high;
        return edges;
    }

    /// <summary>
    /// Counts of <paramref name="sample"/> in the bins [e0, e1), [e1, e2), ..., [e(k-1), ek] (the last bin closed),
    /// as <c>np.histogram(sample, bins=edges)</c> counts them; values outside [e0, ek] are not counted.
    /// </summary>
    public static long[] CountClosedLast(SortedSample sample, ReadOnlySpan<double> edges)
    {
        var bins = edges.Length - 1;
        var counts = new long[bins];
        var previous = sample.CountBelow(edges[0]);
        for (var k = 1; k <= bins; k++)
        {
            var below = k == bins ? sample.CountAtOrBelow(edges[k]) : sample.CountBelow(edges[k]);
            below = Math.Max(below, previous);
            counts[k - 1] = below - previous;
            previous = below;
        }

        return counts;
    }

    /// <summary>
    /// Counts of <paramref name="sample"/> in the bins (-inf, e0), [e0, e1), ..., [e(k-1), +inf) set by the inner edges
    /// <paramref name="innerEdges"/>: a value's bin is the number of edges at or below it, as
    /// <c>np.searchsorted(edges, value, side='right')</c> gives it.
    /// </summary>
    public static long[] CountOpenEnds(SortedSample sample, ReadOnlySpan<double> innerEdges)
    {
        var counts = new long[innerEdges.Length + 1];
        var previous = 0;
        for (var k = 0; k < innerEdges.Length; k++)
        {
            var below = Math.Max(sample.CountBelow(innerEdges[k]), previous);
            counts[k] = below - previous;
            previous = below;
        }

        counts[^1] = sample.Count - previous;
        return counts;
    }
}
