using PipelineDsl.Runtime.Monitoring.Statistics;

namespace PipelineDsl.Runtime.Tests.Monitoring;

public class SortedSampleTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(2047)]
    [InlineData(2048)]
    [InlineData(100_000)]
    public void From_sorts_like_Array_Sort_and_drops_non_finite_values(int size)
    {
        var random = new Random(size);
        var values = new double[size];
        var expectedDropped = 0;
        for (var i = 0; i < size; i++)
        {
            values[i] = (i % 13) switch
            {
                0 => double.NaN,
                1 => double.PositiveInfinity,
                2 => double.NegativeInfinity,
                3 => -0.0,
                4 => 0.0,
                5 => double.Epsilon * random.Next(-5, 5), // subnormals
                6 => double.MaxValue * (random.NextDouble() - 0.5),
                7 => Math.Round(random.NextDouble() * 10), // ties
                _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30)),
            };
            if (!double.IsFinite(values[i]))
            {
                expectedDropped++;
            }
        }

        var sample = SortedSample.From(values);
        var expected = values.Where(double.IsFinite).Select(v => v == 0 ? 0.0 : v).ToArray();
        Array.Sort(expected);
        Assert.Equal(expectedDropped, sample.Dropped);
        Assert.Equal(expected.Length, sample.Count);
        Assert.True(expected.AsSpan().SequenceEqual(sample.Values), "not sorted like Array.Sort");
        foreach (var v in sample.Values)
        {
            Assert.False(double.IsNegative(v) && v == 0, "-0.0 must be stored as +0.0");
        }
    }

    [Theory]
    [InlineData(100)]
    [InlineData(50_000)]
    public void From_floats_widens_and_sorts(int size)
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, size).Select(i => i % 17 == 0 ? float.NaN : (float)(random.NextDouble() * 200 - 100)).ToArray();
        var sample = SortedSample.From(values);
        var expected = values.Where(float.IsFinite).Select(v => (double)v).Order().ToArray();
        Assert.Equal(values.Count(float.IsNaN), sample.Dropped);
        Assert.True(expected.AsSpan().SequenceEqual(sample.Values));
    }

    [Fact]
    public void From_keeps_a_sample_of_one_repeated_value()
    {
        var sample = SortedSample.From(Enumerable.Repeat(3.25, 10_000).ToArray());
        Assert.Equal(10_000, sample.Count);
        Assert.All(sample.Values.ToArray(), v => Assert.Equal(3.25, v));
    }

    [Fact]
    public void Disposed_samples_return_their_array_and_reject_use()
    {
        var random = new Random(3);
        var big = Enumerable.Range(0, 50_000).Select(_ => random.NextDouble()).ToArray();
        var sample = SortedSample.From(big);
        sample.Dispose();
        sample.Dispose(); // twice is harmless
        Assert.Throws<ObjectDisposedException>(() => sample.Values.Length);
        Assert.Throws<ObjectDisposedException>(() => sample.Quantile(0.5));

        // The next sample may reuse the pooled array: it must hold only its own values, Count of them.
        var smaller = Enumerable.Range(0, 30_000).Select(_ => random.NextDouble() + 5).ToArray();
        using var next = SortedSample.From(smaller);
        Assert.Equal(30_000, next.Count);
        Assert.True(smaller.Order().ToArray().AsSpan().SequenceEqual(next.Values));
        Assert.Equal(smaller.Max(), next.Max);
        Assert.Equal(smaller.Max(), next.Quantile(1));

        // Disposing a wrapped reference leaves the caller's array alone.
        double[] stored = [1, 2, 3];
        SortedSample.FromSorted(stored).Dispose();
        Assert.Equal([1.0, 2, 3], stored);
    }

    [Fact]
    public void FromSorted_wraps_sorted_values_and_rejects_the_rest()
    {
        double[] sorted = [-1, 0, 0, 2.5];
        var sample = SortedSample.FromSorted(sorted);
        Assert.Equal(4, sample.Count);
        Assert.Equal(0, sample.Dropped);
        Assert.Throws<ArgumentException>(() => SortedSample.FromSorted([1, 0]));
        Assert.Throws<ArgumentException>(() => SortedSample.FromSorted([0, double.NaN]));
        Assert.Throws<ArgumentException>(() => SortedSample.FromSorted([0, double.PositiveInfinity]));
    }

    [Fact]
    public void Quantile_interpolates_linearly_between_order_statistics()
    {
        // np.quantile([1, 2, 3, 4, 10], q): 1, 1.4, 3, 4, 7.6, 10.
        var sample = SortedSample.From([10.0, 2, 4, 1, 3]);
        Assert.Equal(1.0, sample.Quantile(0));
        Assert.Equal(1.4, sample.Quantile(0.1), 12);
        Assert.Equal(3.0, sample.Quantile(0.5));
        Assert.Equal(4.0, sample.Quantile(0.75));
        Assert.Equal(7.6, sample.Quantile(0.9), 12);
        Assert.Equal(10.0, sample.Quantile(1));
        Assert.Equal(5.0, SortedSample.From([5.0]).Quantile(0.3));
        Assert.Throws<ArgumentOutOfRangeException>(() => sample.Quantile(1.5));
        Assert.Throws<InvalidOperationException>(() => SortedSample.From(ReadOnlySpan<double>.Empty).Quantile(0.5));
    }
}
