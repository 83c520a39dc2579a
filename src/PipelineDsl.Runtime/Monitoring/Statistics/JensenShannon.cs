namespace PipelineDsl.Runtime.Monitoring.Statistics;

/// <summary>The Jensen-Shannon distance between the histograms of two samples.</summary>
public static class JensenShannon
{
    /// <summary>
    /// The Jensen-Shannon distance (the square root of the Jensen-Shannon divergence, base 2, so in [0, 1]) between
    /// the histograms of the two samples on the same <paramref name="bins"/> equal-width bins spanning the union of
    /// the samples, [min, max] of both together.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Equal to <c>scipy.spatial.distance.jensenshannon(p, q, base=2)</c> with
    /// <c>edges = np.histogram_bin_edges(np.concatenate([reference, current]), bins)</c> (equivalently
    /// <c>np.linspace(lo, hi, bins + 1)</c> with lo, hi the smallest and largest value of both samples, widened by 0.5
    /// either way when they are equal), <c>p = np.histogram(reference, edges)[0]</c> and
    /// <c>q = np.histogram(current, edges)[0]</c>: bins are half-open [e_k, e_{k+1}) except the last, which is closed.
    /// </para>
    /// <para>
    /// Why equal-width bins over the union rather than the reference's quantiles: every value of both samples falls
    /// in a bin of finite width, values outside the reference's range count as a shift, and the result is the one
    /// the common <c>np.histogram</c> recipe gives. The cost: on heavy-tailed data a few extreme values stretch the
    /// range and most values share a bin, which blunts the distance; <see cref="PopulationStability.Index"/> bins on
    /// the reference's quantiles and covers that case. The counts come from binary searches on the sorted samples.
    /// A divergence that rounds below 0 (identical histograms up to rounding) gives 0, where SciPy would give NaN.
    /// </para>
    /// </remarks>
    /// <param name="reference">The reference sample.</param>
    /// <param name="current">The current sample.</param>
    /// <param name="bins">The number of bins, at least 1.</param>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is below 1.</exception>
    public static double Distance(SortedSample reference, SortedSample current, int bins = 20)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (reference.IsEmpty || current.IsEmpty)
        {
            throw new ArgumentException("The Jensen-Shannon distance needs two non-empty samples.");
        }

        var edges = BinEdges(reference, current, bins);
        var p = Histogram.CountClosedLast(reference, edges);
        var q = Histogram.CountClosedLast(current, edges);
        return OfCounts(p, q);
    }

    /// <summary>The bin edges <see cref="Distance"/> uses: <paramref name="bins"/> equal-width bins over both samples' range.</summary>
    internal static double[] BinEdges(SortedSample reference, SortedSample current, int bins) =>
        Histogram.EqualWidthEdges(Math.Min(reference.Min, current.Min), Math.Max(reference.Max, current.Max), bins);

    /// <summary>
    /// <c>scipy.spatial.distance.jensenshannon(p, q, base=2)</c> of two histograms of the same length, in SciPy's
    /// steps: normalise each, m = (p + q)/2, sum the relative entropies p log(p/m) and q log(q/m) (0 where p or q is
    /// 0), divide by log 2, and take the square root of half.
    /// </summary>
    internal static double OfCounts(ReadOnlySpan<long> pCounts, ReadOnlySpan<long> qCounts)
    {
        var length = pCounts.Length;
        double pTotal = 0, qTotal = 0;
        for (var k = 0; k < length; k++)
        {
            pTotal += pCounts[k];
            qTotal += qCounts[k];
        }

        Span<double> left = length <= 256 ? stackalloc double[length] : new double[length];
        Span<double> right = length <= 256 ? stackalloc double[length] : new double[length];
        for (var k = 0; k < length; k++)
        {
            var p = pCounts[k] / pTotal;
            var q = qCounts[k] / qTotal;
            var m = (p + q) / 2.0;
            left[k] = RelativeEntropy(p, m);
            right[k] = RelativeEntropy(q, m);
        }

        var js = (PairwiseSum.Sum(left) + PairwiseSum.Sum(right)) / Math.Log(2.0);
        return js <= 0 ? 0.0 : Math.Sqrt(js / 2.0);
    }

    /// <summary><c>scipy.special.rel_entr(x, y)</c> for x, y &gt;= 0: x log(x/y), and 0 when x is 0.</summary>
    private static double RelativeEntropy(double x, double y) =>
        x > 0 && y > 0 ? x * Math.Log(x / y) : x == 0 && y >= 0 ? 0.0 : double.PositiveInfinity;
}
