using System.Buffers;
using System.Runtime.CompilerServices;

namespace PipelineDsl.Runtime.Monitoring.Statistics;

/// <summary>
/// An immutable sample of finite doubles in ascending order: what every drift statistic in this namespace compares.
/// NaN and infinite values are dropped (and counted in <see cref="Dropped"/>); -0.0 is stored as +0.0.
/// </summary>
/// <remarks>
/// <para>
/// Sort once, compare many times: a stored reference sample is already sorted (<see cref="FromSorted"/>), and the
/// current sample is sorted once (<see cref="From(ReadOnlySpan{double})"/>, a radix sort on the IEEE-754 bits) for
/// all the statistics computed on it.
/// </para>
/// <para>
/// Disposing is optional. A large sample made by <c>From</c> keeps its values in an array rented from
/// <see cref="ArrayPool{T}.Shared"/>; <see cref="Dispose"/> returns it, so that the next column sorted reuses memory
/// already mapped (a first touch of fresh memory can cost as much as the sort itself), and a sample never disposed is
/// simply collected. After <see cref="Dispose"/> the sample must not be used (its members throw
/// <see cref="ObjectDisposedException"/>); dispose it only once every statistic on it has returned.
/// </para>
/// </remarks>
public sealed class SortedSample : IDisposable
{
    private double[]? _values;
    private readonly int _count;
    private readonly bool _pooled;

    private SortedSample(double[] values, int count, int dropped, bool pooled)
    {
        _values = values;
        _count = count;
        _pooled = pooled;
        Dropped = dropped;
    }

    /// <summary>The number of values kept (finite ones).</summary>
    public int Count => _count;

    /// <summary>The number of NaN and infinite values dropped when the sample was created.</summary>
    public int Dropped { get; }

    /// <summary>The values, ascending.</summary>
    public ReadOnlySpan<double> Values => Storage.AsSpan(0, _count);

    /// <summary>Whether the sample holds no value.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>The smallest value. Throws <see cref="InvalidOperationException"/> when the sample is empty.</summary>
    public double Min => IsEmpty ? throw new InvalidOperationException("The sample is empty.") : Storage[0];

    /// <summary>The largest value. Throws <see cref="InvalidOperationException"/> when the sample is empty.</summary>
    public double Max => IsEmpty ? throw new InvalidOperationException("The sample is empty.") : Storage[_count - 1];

    private double[] Storage => _values ?? throw new ObjectDisposedException(nameof(SortedSample));

    /// <summary>Sorts a copy of the finite values of <paramref name="values"/>.</summary>
    /// <param name="values">Values in any order; NaN and infinite values are dropped.</param>
    public static SortedSample From(ReadOnlySpan<double> values)
    {
        var (sorted, count, pooled) = RadixSort.SortFinite(values);
        return new SortedSample(sorted, count, values.Length - count, pooled);
    }

    /// <summary>Sorts a copy of the finite values of <paramref name="values"/>, widened to double.</summary>
    /// <param name="values">Values in any order; NaN and infinite values are dropped.</param>
    public static SortedSample From(ReadOnlySpan<float> values)
    {
        var (sorted, count, pooled) = RadixSort.SortFinite(values);
        return new SortedSample(sorted, count, values.Length - count, pooled);
    }

    /// <summary>
    /// Wraps values that are already sorted (a stored reference sample) without copying them: the sample takes
    /// ownership of <paramref name="sorted"/>, which the caller must not change afterwards. The values are checked
    /// (one pass): every value must be finite and none smaller than the one before.
    /// </summary>
    /// <param name="sorted">Finite values in ascending order.</param>
    /// <exception cref="ArgumentException">A value is NaN or infinite, or smaller than the one before it.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop, called a few times per process: skip tier 0
    public static SortedSample FromSorted(double[] sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var previous = double.NegativeInfinity;
        for (var i = 0; i < sorted.Length; i++)
        {
            var value = sorted[i];
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"Value {i} is {value}: a sorted sample holds finite values only.", nameof(sorted));
            }

            if (value < previous)
            {
                throw new ArgumentException($"Value {i} ({value}) is smaller than value {i - 1} ({previous}): the values are not sorted.", nameof(sorted));
            }

            previous = value;
        }

        return new SortedSample(sorted, sorted.Length, 0, pooled: false);
    }

    /// <summary>
    /// Returns a pooled array to <see cref="ArrayPool{T}.Shared"/> (a sample made by <see cref="FromSorted"/>, or
    /// a small one, holds none). The sample must not be used afterwards.
    /// </summary>
    public void Dispose()
    {
        var values = Interlocked.Exchange(ref _values, null);
        if (values is not null && _pooled)
        {
            ArrayPool<double>.Shared.Return(values);
        }
    }

    /// <summary>
    /// The quantile at <paramref name="q"/> by linear interpolation between order statistics (Hyndman and Fan type 7,
    /// NumPy's default <c>np.quantile(values, q)</c>, computed with the same floating-point steps so that the two
    /// agree to the bit): with h = (n - 1) q and j = floor h, x[j] + (h - j) (x[j + 1] - x[j]), 0-based.
    /// </summary>
    /// <param name="q">The probability, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside [0, 1] or NaN.</exception>
    /// <exception cref="InvalidOperationException">The sample is empty.</exception>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile level is in [0, 1].");
        }

        if (IsEmpty)
        {
            throw new InvalidOperationException("The quantile of an empty sample is undefined.");
        }

        var values = Storage;
        var n = _count;
        var h = (n - 1) * q;
        if (h >= n - 1)
        {
            return values[n - 1];
        }

        var below = (int)Math.Floor(h);
        var a = values[below];
        var b = values[below + 1];
        var t = h - below;

        // NumPy's _lerp: a + (b - a) t for t < 0.5, b - (b - a)(1 - t) above, which keeps the result within [a, b].
        var difference = b - a;
        return t >= 0.5 ? b - (difference * (1 - t)) : a + (difference * t);
    }

    /// <summary>The number of values strictly smaller than <paramref name="x"/> (binary search).</summary>
    internal int CountBelow(double x) => CountBelow(Values, x);

    /// <summary>The number of values of <paramref name="sorted"/> strictly smaller than <paramref name="x"/> (binary search).</summary>
    internal static int CountBelow(ReadOnlySpan<double> sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (sorted[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The number of values smaller than or equal to <paramref name="x"/> (binary search).</summary>
    internal int CountAtOrBelow(double x) => CountAtOrBelow(Values, x);

    /// <summary>The number of values of <paramref name="sorted"/> smaller than or equal to <paramref name="x"/> (binary search).</summary>
    internal static int CountAtOrBelow(ReadOnlySpan<double> sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
