using PipelineDsl.Runtime.Monitoring.Statistics;

namespace PipelineDsl.Runtime.Tests.Monitoring;

/// <summary>Properties every drift statistic must have, on seeded random samples.</summary>
public class StatisticsPropertyTests
{
    public static TheoryData<int, int> Seeds()
    {
        var data = new TheoryData<int, int>();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            foreach (var size in new[] { 1, 2, 7, 100, 3000 })
            {
                data.Add(seed, size);
            }
        }

        return data;
    }

    private static double[] Draw(int seed, int size)
    {
        var random = new Random(seed);

        // A mixture with ties: continuous values, repeated integers, zeros and negative values.
        return Enumerable.Range(0, size).Select(i => (i % 4) switch
        {
            0 => random.NextDouble() * 10 - 5,
            1 => Math.Round(random.NextDouble() * 4),
            2 => 0.0,
            _ => -Math.Exp(random.NextDouble() * 3),
        }).ToArray();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Identical_samples_show_no_drift(int seed, int size)
    {
        var values = Draw(seed, size);
        var reference = SortedSample.From(values);
        var shuffled = values.OrderBy(_ => Random.Shared.Next()).ToArray();
        var current = SortedSample.From(shuffled);

        var ks = KolmogorovSmirnov.TwoSample(reference, current);
        Assert.Equal(0.0, ks.Statistic);
        Assert.Equal(1.0, ks.PValue);
        Assert.Equal(0.0, Wasserstein.Distance(reference, current));
        Assert.Equal(0.0, JensenShannon.Distance(reference, current));
        Assert.Equal(0.0, PopulationStability.Index(reference, current));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Statistics_stay_in_their_ranges_and_are_symmetric(int seed, int size)
    {
        var a = SortedSample.From(Draw(seed, size));
        var b = SortedSample.From(Draw(seed + 100, size + 3).Select(x => x * 1.3 + 0.2).ToArray());
        var ks = KolmogorovSmirnov.TwoSample(a, b);
        Assert.InRange(ks.Statistic, 0, 1);
        Assert.InRange(ks.PValue, 0, 1);
        Assert.Equal(ks, KolmogorovSmirnov.TwoSample(b, a));
        Assert.True(Wasserstein.Distance(a, b) >= 0);
        Assert.Equal(Wasserstein.Distance(a, b), Wasserstein.Distance(b, a), 12);
        var js = JensenShannon.Distance(a, b);
        Assert.InRange(js, 0, 1);
        Assert.Equal(js, JensenShannon.Distance(b, a), 15);
        Assert.True(PopulationStability.Index(a, b) >= 0);
    }

    [Fact]
    public void KS_and_Wasserstein_match_a_brute_force_evaluation_of_SciPy_s_formulas()
    {
        // Many small random samples, heavy on ties and on unequal sizes: exercises the vector rank scan, its scalar
        // tail, the two half-scans and the unequal-size Wasserstein walk against the definitions.
        var random = new Random(42);
        for (var trial = 0; trial < 400; trial++)
        {
            var n = random.Next(1, 300);
            var m = trial % 3 == 0 ? n : random.Next(1, 300);
            var levels = random.Next(2, 50);
            var shift = random.NextDouble() * 0.3;
            var a = Enumerable.Range(0, n).Select(_ => (double)random.Next(levels)).ToArray();
            var b = Enumerable.Range(0, m).Select(_ => trial % 2 == 0 ? random.Next(levels) + (shift * levels) : random.NextDouble() * levels).ToArray();
            var (expectedD, expectedW) = BruteForce(a, b);
            var sa = SortedSample.From(a);
            var sb = SortedSample.From(b);
            Assert.Equal(expectedD, KolmogorovSmirnov.TwoSample(sa, sb).Statistic, 1e-15);
            var w = Wasserstein.Distance(sa, sb);
            Assert.True(Math.Abs(w - expectedW) <= 1e-12 * Math.Max(1, expectedW), $"trial {trial}: W {w} vs {expectedW}");
        }
    }

    /// <summary>ks_2samp's D and wasserstein_distance as SciPy computes them: CDFs by counting, at every value.</summary>
    private static (double D, double W) BruteForce(double[] a, double[] b)
    {
        var all = a.Concat(b).Order().ToArray();
        double Cdf(double[] sample, double x) => (double)sample.Count(v => v <= x) / sample.Length;
        var diffs = all.Select(x => Cdf(a, x) - Cdf(b, x)).ToArray();
        var maxS = diffs.Max();
        var minS = Math.Clamp(-diffs.Min(), 0, 1);
        var d = minS > maxS ? minS : maxS;
        var w = 0.0;
        for (var k = 0; k < all.Length - 1; k++)
        {
            w += Math.Abs(Cdf(a, all[k]) - Cdf(b, all[k])) * (all[k + 1] - all[k]);
        }

        return (d, w);
    }

    [Fact]
    public void Wasserstein_of_a_shift_is_the_shift()
    {
        var values = Draw(5, 2000);
        var shifted = values.Select(x => x + 0.75).ToArray();
        Assert.Equal(0.75, Wasserstein.Distance(SortedSample.From(values), SortedSample.From(shifted)), 9);
    }

    [Fact]
    public void Disjoint_samples_have_KS_1_and_JS_1()
    {
        var a = SortedSample.From([1.0, 2.0, 3.0]);
        var b = SortedSample.From([10.0, 11.0, 12.0, 13.0]);
        Assert.Equal(1.0, KolmogorovSmirnov.TwoSample(a, b).Statistic);
        Assert.Equal(1.0, JensenShannon.Distance(a, b), 12);
    }

    [Fact]
    public void Empty_samples_are_rejected()
    {
        var empty = SortedSample.From(ReadOnlySpan<double>.Empty);
        var one = SortedSample.From([1.0]);
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample(empty, one));
        Assert.Throws<ArgumentException>(() => Wasserstein.Distance(one, empty));
        Assert.Throws<ArgumentException>(() => JensenShannon.Distance(empty, one));
        Assert.Throws<ArgumentException>(() => PopulationStability.Index(one, empty));
    }

    [Fact]
    public void Chi_square_of_proportional_counts_is_zero_and_a_new_category_is_reported()
    {
        var reference = new Dictionary<string, long> { ["a"] = 100, ["b"] = 300 };
        var same = ChiSquare.Test(reference, new Dictionary<string, long> { ["a"] = 50, ["b"] = 150 });
        Assert.Equal(0.0, same.Statistic);
        Assert.Equal(1.0, same.PValue);
        Assert.Equal(1, same.DegreesOfFreedom);
        Assert.Empty(same.UnseenInReference);

        var added = ChiSquare.Test(reference, new Dictionary<string, long> { ["a"] = 50, ["b"] = 150, ["c"] = 10 });
        Assert.Equal(["c"], added.UnseenInReference);
        Assert.Equal(2, added.DegreesOfFreedom);
        Assert.True(added.PValue < 1e-10);

        Assert.Throws<ArgumentException>(() => ChiSquare.Test(reference, new Dictionary<string, long> { ["a"] = 0 }));
        Assert.Throws<ArgumentException>(() => ChiSquare.Test(reference, new Dictionary<string, long> { ["a"] = -1, ["b"] = 3 }));
    }
}
