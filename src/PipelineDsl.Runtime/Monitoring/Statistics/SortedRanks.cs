using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace PipelineDsl.Runtime.Monitoring.Statistics;

/// <summary>
/// Moving a rank forward in a sorted array: the number of values below (or at or below) x, starting from a known
/// lower bound. Four values are compared at a time (AVX2 where available); as x increases through another sorted
/// sample the rank moves a few places per step, so the loop rarely runs twice and its branch is predictable, unlike
/// the take-the-smaller-head branch of a classic merge.
/// </summary>
internal static class SortedRanks
{
    private const int Width = 4;

    /// <summary>The number of values of <paramref name="sorted"/> (length <paramref name="length"/>) strictly below <paramref name="x"/>, given that it is at least <paramref name="from"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AdvanceBelow(ref double sorted, int length, int from, double x)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var vx = Vector256.Create(x);
            while (from + Width <= length)
            {
                var count = BitOperations.PopCount(Vector256.LessThan(Vector256.LoadUnsafe(ref sorted, (nuint)from), vx).ExtractMostSignificantBits());
                from += count;
                if (count < Width)
                {
                    return from;
                }
            }
        }

        while (from < length && Unsafe.Add(ref sorted, from) < x)
        {
            from++;
        }

        return from;
    }

    /// <summary>The number of values of <paramref name="sorted"/> at or below <paramref name="x"/>, given that it is at least <paramref name="from"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AdvanceAtOrBelow(ref double sorted, int length, int from, double x)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var vx = Vector256.Create(x);
            while (from + Width <= length)
            {
                var count = BitOperations.PopCount(Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref sorted, (nuint)from), vx).ExtractMostSignificantBits());
                from += count;
                if (count < Width)
                {
                    return from;
                }
            }
        }

        while (from < length && Unsafe.Add(ref sorted, from) <= x)
        {
            from++;
        }

        return from;
    }
}
