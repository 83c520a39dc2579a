using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PipelineDsl.Runtime.Monitoring.Statistics;

/// <summary>
/// Least-significant-digit radix sort of doubles on their IEEE-754 bits, fused with the copy that drops NaN and
/// infinite values. Each double's bits are mapped to an unsigned key that orders like the double (flip all bits of a
/// negative value, only the sign bit of a positive one), then sorted in six passes of 11 bits; a pass whose digit is
/// the same for every key is skipped. About 4x faster than <see cref="Array.Sort{T}(T[])"/> on a million doubles.
/// </summary>
internal static class RadixSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = 6; // 6 x 11 = 66 >= 64 bits
    private const int Mask = Buckets - 1;

    /// <summary>Below this many values <see cref="Array.Sort{T}(T[])"/> is faster than the six radix passes.</summary>
    internal const int Threshold = 2048;

    /// <summary>
    /// Copies the finite values of <paramref name="source"/>, sorted ascending, with -0.0 written as +0.0, into the
    /// first <c>Count</c> places of <c>Values</c>: an array of exactly that length for fewer than
    /// <see cref="Threshold"/> values, otherwise one rented from <see cref="ArrayPool{T}.Shared"/> (<c>Pooled</c>),
    /// possibly longer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop, called a few times per process: skip tier 0
    public static (double[] Values, int Count, bool Pooled) SortFinite(ReadOnlySpan<double> source)
    {
        if (source.Length < Threshold)
        {
            return SortSmall(source);
        }

        var result = ArrayPool<double>.Shared.Rent(source.Length);
        var histograms = new int[Passes * Buckets];
        var n = Encode(source, MemoryMarshal.Cast<double, ulong>(result.AsSpan()), histograms);
        SortKeys(result, n, histograms);
        return (result, n, true);
    }

    /// <inheritdoc cref="SortFinite(ReadOnlySpan{double})"/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop, called a few times per process: skip tier 0
    public static (double[] Values, int Count, bool Pooled) SortFinite(ReadOnlySpan<float> source)
    {
        if (source.Length < Threshold)
        {
            return SortSmall(source);
        }

        var result = ArrayPool<double>.Shared.Rent(source.Length);
        var histograms = new int[Passes * Buckets];
        var n = Encode(source, MemoryMarshal.Cast<double, ulong>(result.AsSpan()), histograms);
        SortKeys(result, n, histograms);
        return (result, n, true);
    }

    /// <summary>The small case: the finite values copied to an exact-length array (-0.0 as +0.0) and sorted by <see cref="Array.Sort{T}(T[])"/>.</summary>
    private static (double[] Values, int Count, bool Pooled) SortSmall<T>(ReadOnlySpan<T> source)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var small = new double[source.Length];
        var count = 0;
        foreach (var value in source)
        {
            if (T.IsFinite(value))
            {
                small[count++] = T.IsZero(value) ? 0.0 : double.CreateTruncating(value);
            }
        }

        Array.Resize(ref small, count);
        Array.Sort(small);
        return (small, count, false);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop, called a few times per process: skip tier 0
    private static int Encode(ReadOnlySpan<double> source, Span<ulong> keys, int[] histograms)
    {
        var n = 0;
        ref var h = ref MemoryMarshal.GetArrayDataReference(histograms);
        ref var k = ref MemoryMarshal.GetReference(keys);
        foreach (var value in source)
        {
            if (!double.IsFinite(value))
            {
                continue;
            }

            var key = ToKey(value == 0 ? 0.0 : value);
            Unsafe.Add(ref k, n++) = key;
            Count(ref h, key);
        }

        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop, called a few times per process: skip tier 0
    private static int Encode(ReadOnlySpan<float> source, Span<ulong> keys, int[] histograms)
    {
        var n = 0;
        ref var h = ref MemoryMarshal.GetArrayDataReference(histograms);
        ref var k = ref MemoryMarshal.GetReference(keys);
        foreach (var value in source)
        {
            if (!float.IsFinite(value))
            {
                continue;
            }

            var key = ToKey(value == 0 ? 0.0 : value);
            Unsafe.Add(ref k, n++) = key;
            Count(ref h, key);
        }

        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Count(ref int h, ulong key)
    {
        Unsafe.Add(ref h, (int)(key & Mask))++;
        Unsafe.Add(ref h, Buckets + (int)((key >> 11) & Mask))++;
        Unsafe.Add(ref h, (2 * Buckets) + (int)((key >> 22) & Mask))++;
        Unsafe.Add(ref h, (3 * Buckets) + (int)((key >> 33) & Mask))++;
        Unsafe.Add(ref h, (4 * Buckets) + (int)((key >> 44) & Mask))++;
        Unsafe.Add(ref h, (5 * Buckets) + (int)(key >> 55))++;
    }

    /// <summary>Sorts the first <paramref name="n"/> keys stored (as bits) in <paramref name="keys"/> and decodes them to doubles in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop, called a few times per process: skip tier 0
    private static void SortKeys(double[] keys, int n, int[] histograms)
    {
        var passes = new List<int>(Passes);
        for (var pass = 0; pass < Passes; pass++)
        {
            // A pass whose digit is the same for every key moves nothing.
            var trivial = false;
            for (var b = 0; b < Buckets; b++)
            {
                var c = histograms[(pass * Buckets) + b];
                if (c != 0)
                {
                    trivial = c == n;
                    break;
                }
            }

            if (!trivial && n > 0)
            {
                passes.Add(pass);
            }
        }

        var result = MemoryMarshal.Cast<double, ulong>(keys.AsSpan(0, n));
        if (passes.Count == 0)
        {
            for (var i = 0; i < n; i++)
            {
                result[i] = FromKeyBits(result[i]);
            }

            return;
        }

        var scratch = ArrayPool<ulong>.Shared.Rent(n);
        try
        {
            var offsets = new int[Buckets];
            Span<ulong> from = result;
            Span<ulong> to = scratch.AsSpan(0, n);
            for (var p = 0; p < passes.Count; p++)
            {
                var pass = passes[p];
                var sum = 0;
                for (var b = 0; b < Buckets; b++)
                {
                    offsets[b] = sum;
                    sum += histograms[(pass * Buckets) + b];
                }

                if (p == passes.Count - 1)
                {
                    // The last pass writes the decoded doubles straight into the result.
                    if (from == result)
                    {
                        from.CopyTo(scratch);
                        from = scratch.AsSpan(0, n);
                    }

                    Scatter(from, result, offsets, pass * DigitBits, decode: true);
                }
                else
                {
                    Scatter(from, to, offsets, pass * DigitBits, decode: false);
                    var swap = from;
                    from = to;
                    to = swap;
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(scratch);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop, called a few times per process: skip tier 0
    private static void Scatter(ReadOnlySpan<ulong> from, Span<ulong> to, int[] offsets, int shift, bool decode)
    {
        ref var o = ref MemoryMarshal.GetArrayDataReference(offsets);
        ref var t = ref MemoryMarshal.GetReference(to);
        if (decode)
        {
            foreach (var key in from)
            {
                ref var slot = ref Unsafe.Add(ref o, (int)((key >> shift) & Mask));
                Unsafe.Add(ref t, slot++) = FromKeyBits(key);
            }
        }
        else
        {
            foreach (var key in from)
            {
                ref var slot = ref Unsafe.Add(ref o, (int)((key >> shift) & Mask));
                Unsafe.Add(ref t, slot++) = key;
            }
        }
    }

    /// <summary>The unsigned key that orders like <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ToKey(double value)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        var mask = (ulong)((long)bits >> 63) | 0x8000_0000_0000_0000UL;
        return bits ^ mask;
    }

    /// <summary>The double's bits back from a key made by <see cref="ToKey"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FromKeyBits(ulong key)
    {
        var mask = (ulong)((long)~key >> 63) | 0x8000_0000_0000_0000UL;
        return key ^ mask;
    }
}
