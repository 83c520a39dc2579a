using PipelineDsl.Runtime.Monitoring.Statistics;

namespace PipelineDsl.Runtime.Tests.Monitoring;

/// <summary>The drift statistics against SciPy 1.10's values on the seeded samples of Fixtures/scipy-fixtures.json.</summary>
public class ScipyAgreementTests
{
    public static TheoryData<string> NumericCases() => new(ScipyFixtures.Instance.Numeric.Select(c => c.Name));

    public static TheoryData<string> CategoricalCases() => new(ScipyFixtures.Instance.Categorical.Select(c => c.Name));

    private static NumericCase Numeric(string name) => ScipyFixtures.Instance.Numeric.Single(c => c.Name == name);

    private static (SortedSample Reference, SortedSample Current) Samples(NumericCase c) =>
        (SortedSample.From(c.Reference), SortedSample.From(c.Current));

    [Fact]
    public void Fixtures_come_from_scipy_1_10()
    {
        Assert.StartsWith("1.10", ScipyFixtures.Instance.Scipy);
        Assert.True(ScipyFixtures.Instance.Numeric.Count >= 20);
        Assert.True(ScipyFixtures.Instance.Kstwo.Count >= 300);
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void Kolmogorov_Smirnov_matches_ks_2samp_asymp(string name)
    {
        var c = Numeric(name);
        var (reference, current) = Samples(c);
        var result = KolmogorovSmirnov.TwoSample(reference, current);
        Close.Relative(c.KsStatistic, result.Statistic, Close.Statistic, "D");
        Close.PValueLike(c.KsPValue, result.PValue, "p-value");

        // The test is symmetric in its two samples.
        var swapped = KolmogorovSmirnov.TwoSample(current, reference);
        Assert.Equal(result.Statistic, swapped.Statistic);
        Assert.Equal(result.PValue, swapped.PValue);
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void Wasserstein_matches_wasserstein_distance(string name)
    {
        var c = Numeric(name);
        var (reference, current) = Samples(c);
        Close.Relative(c.Wasserstein, Wasserstein.Distance(reference, current), Close.Statistic, "Wasserstein");
        Close.Relative(c.Wasserstein, Wasserstein.Distance(current, reference), Close.Statistic, "Wasserstein, swapped");
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void Jensen_Shannon_matches_scipy_on_the_same_histograms(string name)
    {
        var c = Numeric(name);
        var (reference, current) = Samples(c);

        // The same bins and counts as np.histogram_bin_edges / np.histogram ...
        var edges = JensenShannon.BinEdges(reference, current, c.JsBins);
        Assert.Equal(c.JsEdges, edges);
        Assert.Equal(c.JsReferenceCounts, Histogram.CountClosedLast(reference, edges));
        Assert.Equal(c.JsCurrentCounts, Histogram.CountClosedLast(current, edges));

        // ... and the same distance as scipy.spatial.distance.jensenshannon(p, q, base=2).
        Close.Relative(c.JensenShannon, JensenShannon.Distance(reference, current, c.JsBins), Close.Statistic, "JS distance");
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void Population_stability_index_matches_numpy(string name)
    {
        var c = Numeric(name);
        var (reference, current) = Samples(c);

        // Bit-equal edges: SortedSample.Quantile repeats np.quantile's arithmetic.
        var edges = PopulationStability.BinEdges(reference, c.PsiBins);
        Assert.Equal(c.PsiEdges, edges);
        Assert.Equal(c.PsiReferenceCounts, Histogram.CountOpenEnds(reference, edges));
        Assert.Equal(c.PsiCurrentCounts, Histogram.CountOpenEnds(current, edges));
        Close.Relative(c.Psi, PopulationStability.Index(reference, current, c.PsiBins), Close.Statistic, "PSI");
    }

    [Fact]
    public void Kolmogorov_distribution_matches_kstwo_sf_across_its_methods()
    {
        var failures = new List<string>();
        foreach (var point in ScipyFixtures.Instance.Kstwo)
        {
            var actual = KolmogorovDistribution.Survival(point.N, point.D);
            try
            {
                Close.PValueLike(point.Sf, actual, $"kstwo.sf({point.D:R}, {point.N})");
            }
            catch (Xunit.Sdk.XunitException ex)
            {
                failures.Add(ex.Message);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(CategoricalCases))]
    public void Chi_square_matches_chisquare(string name)
    {
        var c = ScipyFixtures.Instance.Categorical.Single(x => x.Name == name);
        var result = ChiSquare.Test(c.Reference, c.Current);
        Assert.Equal(c.Categories, result.Categories);
        Assert.Equal(c.Unseen, result.UnseenInReference);
        Assert.Equal(c.DegreesOfFreedom, result.DegreesOfFreedom);
        Close.Relative(c.Statistic, result.Statistic, Close.Statistic, "chi-squared statistic");
        Close.PValueLike(c.PValue, result.PValue, "chi-squared p-value");
    }
}
