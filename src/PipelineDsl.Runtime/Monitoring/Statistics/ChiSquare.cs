using MathNet.Numerics;

namespace PipelineDsl.Runtime.Monitoring.Statistics;

/// <summary>Pearson's chi-squared goodness-of-fit test of current category counts against reference proportions.</summary>
public static class ChiSquare
{
    /// <summary>The reference count given to a category the reference never saw, so that its expected count is not 0.</summary>
    public const double UnseenPseudoCount = 0.5;

    /// <summary>
    /// Pearson's chi-squared test of the current counts against the reference's proportions: the expected count of a
    /// category is its share of the reference times the current total. Equal to
    /// <c>scipy.stats.chisquare(f_obs, f_exp)</c> on the arrays described below.
    /// </summary>
    /// <remarks>
    /// <para>The exact rule, which the test fixtures implement in NumPy:</para>
    /// <list type="number">
    /// <item>Categories: every key with a count above 0 in either dictionary, in ordinal order (keys with count 0
    /// in both are left out).</item>
    /// <item>Reference weights: the reference count, or <see cref="UnseenPseudoCount"/> (0.5, half an observation)
    /// for a category the reference never saw; these are listed in
    /// <see cref="ChiSquareResult.UnseenInReference"/>.</item>
    /// <item>Expected: <c>f_exp = weight / weight.sum() * current_total</c>, so that it sums to the current total as
    /// SciPy requires; observed: <c>f_obs</c> = the current counts (0 for a category only the reference has).</item>
    /// <item>Statistic: <c>((f_obs - f_exp) ** 2 / f_exp).sum()</c>; p-value: the chi-squared survival function at
    /// it with k - 1 degrees of freedom (MathNet's regularized upper incomplete gamma function Q((k - 1)/2, x/2)).</item>
    /// </list>
    /// <para>With a single category there are no degrees of freedom: the statistic is 0 and the p-value 1 (SciPy gives NaN).</para>
    /// </remarks>
    /// <param name="referenceCounts">Count per category in the reference.</param>
    /// <param name="currentCounts">Count per category in the current data.</param>
    /// <exception cref="ArgumentException">A count is negative, or a side's counts sum to 0.</exception>
    public static ChiSquareResult Test(IReadOnlyDictionary<string, long> referenceCounts, IReadOnlyDictionary<string, long> currentCounts)
    {
        ArgumentNullException.ThrowIfNull(referenceCounts);
        ArgumentNullException.ThrowIfNull(currentCounts);
        _ = Total(referenceCounts, nameof(referenceCounts));
        var currentTotal = Total(currentCounts, nameof(currentCounts));

        var categories = referenceCounts.Where(kv => kv.Value > 0).Select(kv => kv.Key)
            .Union(currentCounts.Where(kv => kv.Value > 0).Select(kv => kv.Key), StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var k = categories.Length;
        var weights = new double[k];
        var observed = new double[k];
        var unseen = new List<string>();
        for (var c = 0; c < k; c++)
        {
            var referenceCount = referenceCounts.GetValueOrDefault(categories[c]);
            observed[c] = currentCounts.GetValueOrDefault(categories[c]);
            if (referenceCount > 0)
            {
                weights[c] = referenceCount;
            }
            else
            {
                weights[c] = UnseenPseudoCount;
                unseen.Add(categories[c]);
            }
        }

        var weightTotal = PairwiseSum.Sum(weights);
        var terms = new double[k];
        for (var c = 0; c < k; c++)
        {
            var expected = weights[c] / weightTotal * currentTotal;
            var difference = observed[c] - expected;
            terms[c] = difference * difference / expected;
        }

        var statistic = PairwiseSum.Sum(terms);
        var degrees = k - 1;
        var p = degrees == 0 ? 1.0 : SurvivalFunction(statistic, degrees);
        return new ChiSquareResult(degrees == 0 ? 0.0 : statistic, p, degrees, categories, unseen);
    }

    /// <summary>The chi-squared survival function Pr(X &gt;= x) with <paramref name="degrees"/> degrees of freedom: Q(k/2, x/2).</summary>
    internal static double SurvivalFunction(double x, int degrees) =>
        x <= 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(degrees / 2.0, x / 2.0);

    private static long Total(IReadOnlyDictionary<string, long> counts, string name)
    {
        long total = 0;
        foreach (var (category, count) in counts)
        {
            if (count < 0)
            {
                throw new ArgumentException($"Category '{category}' has a negative count ({count}).", name);
            }

            total = checked(total + count);
        }

        if (total == 0)
        {
            throw new ArgumentException("The counts sum to 0: there is nothing to compare.", name);
        }

        return total;
    }
}
