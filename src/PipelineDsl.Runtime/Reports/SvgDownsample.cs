namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// Deterministic thinning of plotted points, so that no plot carries more than <see cref="MaxPoints"/> of them: every
/// k-th point at evenly spaced positions (first and last kept), the same input always giving the same output.
/// </summary>
internal static class SvgDownsample
{
    /// <summary>The most points a scatter plot or curve draws.</summary>
    public const int MaxPoints = 2000;

    /// <summary>The positions (ascending) of at most <paramref name="max"/> items among <paramref name="count"/>.</summary>
    public static int[] Positions(int count, int max = MaxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        if (count <= max)
        {
            return Enumerable.Range(0, count).ToArray();
        }

        var positions = new int[max];
        for (var i = 0; i < max; i++)
        {
            positions[i] = (int)((long)i * (count - 1) / (max - 1));
        }

        return positions;
    }

    /// <summary>The finite (x, y) pairs, thinned to at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<(double X, double Y)> Pairs(IReadOnlyList<float> xs, IReadOnlyList<float> ys, int max = MaxPoints)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count != ys.Count)
        {
            throw new ArgumentException($"{xs.Count} x values for {ys.Count} y values.", nameof(ys));
        }

        var finite = new List<(double X, double Y)>(xs.Count);
        for (var i = 0; i < xs.Count; i++)
        {
            if (float.IsFinite(xs[i]) && float.IsFinite(ys[i]))
            {
                finite.Add((xs[i], ys[i]));
            }
        }

        return Positions(finite.Count, max).Select(p => finite[p]).ToArray();
    }
}
