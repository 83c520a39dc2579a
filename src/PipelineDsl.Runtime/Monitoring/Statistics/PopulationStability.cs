namespace PipelineDsl.Runtime.Monitoring.Statistics;

/// <summary>The population stability index (PSI).</summary>
public static class PopulationStability
{
    /// <summary>The floor for a bin's share, so that an empty bin gives a finite index.</summary>
    public const double EmptyBinFloor = 1e-4;

    /// <summary>
    /// The population stability index of <paramref name="current"/> against <paramref name="reference"/> over
    /// <paramref name="bins"/> bins on the reference's quantiles: sum over bins of (c - r) ln(c / r), where r and c are
    /// the shares of the reference and current samples in the bin. 0 for identical distributions; by convention below
    /// 0.1 is stable, 0.1 to 0.25 a moderate shift, above 0.25 a major one.
    /// </summary>
    /// <remarks>
    /// <para>The exact rule, which the test fixtures implement in NumPy:</para>
    /// <list type="number">
    /// <item>Inner edges: the reference's quantiles at k / bins, k = 1 .. bins - 1 (<see cref="SortedSample.Quantile"/>,
    /// NumPy's default linear method): <c>edges = np.quantile(reference, np.arange(1, bins) / bins)</c>.</item>
    /// <item>Bins: (-inf, e1), [e1, e2), ..., [e(bins-1), +inf); a value's bin is the number of edges at or below it,
    /// <c>np.searchsorted(edges, x, side='right')</c>. The outer bins are open, so current values outside the
    /// reference's range land in the first or last bin.</item>
    /// <item>Shares: count / sample size, each floored at <see cref="EmptyBinFloor"/> (1e-4), not renormalised:
    /// <c>r = np.maximum(ref_counts / n_ref, 1e-4)</c>, likewise c.</item>
    /// <item>PSI = <c>np.sum((c - r) * np.log(c / r))</c>; the sum is taken in NumPy's pairwise order.</item>
    /// </list>
    /// <para>
    /// On discrete or tied data several edges can be equal; the bins between them are empty in both samples, both
    /// shares are floored to 1e-4, and they add exactly 0. The limit of quantile bins: on a reference that is
    /// (nearly) one value, all edges coincide and every current value at or above it shares the last bin with the
    /// reference, so a move upward goes unseen (0 for a constant reference against any larger constant); the
    /// Kolmogorov-Smirnov and Wasserstein statistics see it.
    /// </para>
    /// </remarks>
    /// <param name="reference">The reference sample, whose quantiles set the bins.</param>
    /// <param name="current">The current sample.</param>
    /// <param name="bins">The number of bins, at least 1 (10: deciles).</param>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is below 1.</exception>
    public static double Index(SortedSample reference, SortedSample current, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (reference.IsEmpty || current.IsEmpty)
        {
            throw new ArgumentException("The population stability index needs two non-empty samples.");
        }

        var edges = BinEdges(reference, bins);
        var referenceCounts = Histogram.CountOpenEnds(reference, edges);
        var currentCounts = Histogram.CountOpenEnds(current, edges);
        Span<double> terms = bins <= 256 ? stackalloc double[bins] : new double[bins];
        for (var k = 0; k < bins; k++)
        {
            var r = Math.Max((double)referenceCounts[k] / reference.Count, EmptyBinFloor);
            var c = Math.Max((double)currentCounts[k] / current.Count, EmptyBinFloor);
            terms[k] = (c - r) * Math.Log(c / r);
        }

        return PairwiseSum.Sum(terms);
    }

    /// <summary>The inner bin edges <see cref="Index"/> uses: the reference's quantiles at k / bins, k = 1 .. bins - 1.</summary>
    internal static double[] BinEdges(SortedSample reference, int bins)
    {
        var edges = new double[bins - 1];
        for (var k = 1; k < bins; k++)
        {
            edges[k - 1] = reference.Quantile((double)k / bins);
        }

        return edges;
    }
}
