using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PipelineDsl.Runtime.Monitoring.Statistics;

/// <summary>The two-sample Kolmogorov-Smirnov test.</summary>
public static class KolmogorovSmirnov
{
    /// <summary>
    /// The two-sided two-sample Kolmogorov-Smirnov test: D = max over x of |F_ref(x) - F_cur(x)|, the largest gap
    /// between the two empirical CDFs, and its p-value. Equal to <c>scipy.stats.ks_2samp(reference, current,
    /// method='asymp')</c> (SciPy 1.10): the p-value is <c>scipy.stats.kstwo.sf(D, round(n m / (n + m)))</c>, the
    /// exact distribution of the one-sample statistic at the effective sample size n m / (n + m) rounded to the
    /// nearest integer (half to even), not the limiting Kolmogorov distribution.
    /// </summary>
    /// <remarks>
    /// One scan of the smaller sorted sample against the larger, O(n + m), no merge branch to mispredict. Ties
    /// (equal values within or across the samples) are handled as SciPy does: the CDFs are compared only after
    /// every value equal to x has been counted. The only departure from SciPy: with n = m = 1 the effective size
    /// 0.5 rounds to 0, where SciPy returns NaN; here it is taken as 1.
    /// </remarks>
    /// <param name="reference">The reference (training or baseline) sample.</param>
    /// <param name="current">The current (serving) sample.</param>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    public static TestResult TwoSample(SortedSample reference, SortedSample current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.IsEmpty || current.IsEmpty)
        {
            throw new ArgumentException("The Kolmogorov-Smirnov test needs two non-empty samples.");
        }

        var d = Statistic(reference.Values, current.Values);
        var n1 = (double)reference.Count;
        var n2 = (double)current.Count;
        var (m, n) = n1 >= n2 ? (n1, n2) : (n2, n1);
        var effective = m * n / (m + n);
        var rounded = Math.Max(1.0, Math.Round(effective, MidpointRounding.ToEven));
        var p = KolmogorovDistribution.Survival((int)rounded, d);
        return new TestResult(d, Math.Clamp(p, 0.0, 1.0));
    }

    /// <summary>
    /// The two-sided statistic. With a the smaller sample (size n) and b the other (size m), the gap between the
    /// CDFs, scaled by n m to an integer, is G = (a counted) m - (b counted) n. It rises only at values of a and
    /// falls only at values of b, so its maximum is reached just after some a[i] (all b at or below a[i] counted):
    /// (i + 1) m - s_i n with s_i = #(b &lt;= a[i]); and its minimum just before some a[i] (all b strictly below
    /// counted): i m - t_i n with t_i = #(b &lt; a[i]), or at the end, where it is 0. Where a[i] repeats, the
    /// candidates inside the run are beaten by the run's last (for the maximum) or first (for the minimum), so ties
    /// need no special case. s_i and t_i only grow with i: each step advances them a few places in b
    /// (<see cref="SortedRanks"/>). The two halves of a are scanned side by side, which keeps two independent
    /// dependency chains in flight. The result is then formed as SciPy forms it, i/n - j/m in doubles, at the
    /// extremes found.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop, called a few times per process: skip tier 0
    internal static double Statistic(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        // Scan the smaller sample: O(n) steps plus O(m / 4) vector compares. Swapping negates the gap, and
        // max(D+, D-) is the same either way: i/n - j/m and j/m - i/n are exact negatives in floating point.
        if (a.Length > b.Length)
        {
            var swap = a;
            a = b;
            b = swap;
        }

        int n = a.Length, m = b.Length;
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var half = n / 2;
        var first = new Extremes();
        var second = new Extremes();
        int s1 = 0, t1 = 0;
        int s2 = half < n ? SortedSample.CountAtOrBelow(b, a[half]) : m;
        int t2 = half < n ? SortedSample.CountBelow(b, a[half]) : m;
        for (var i = 0; i < half; i++)
        {
            var x = Unsafe.Add(ref pa, i);
            var y = Unsafe.Add(ref pa, i + half);
            t1 = SortedRanks.AdvanceBelow(ref pb, m, t1, x);
            s1 = SortedRanks.AdvanceAtOrBelow(ref pb, m, s1, x);
            t2 = SortedRanks.AdvanceBelow(ref pb, m, t2, y);
            s2 = SortedRanks.AdvanceAtOrBelow(ref pb, m, s2, y);
            first.Update(i, s1, t1, n, m);
            second.Update(i + half, s2, t2, n, m);
        }

        for (var i = 2 * half; i < n; i++)
        {
            var y = Unsafe.Add(ref pa, i);
            t2 = SortedRanks.AdvanceBelow(ref pb, m, t2, y);
            s2 = SortedRanks.AdvanceAtOrBelow(ref pb, m, s2, y);
            second.Update(i, s2, t2, n, m);
        }

        first.Merge(second);
        var max = (double)first.MaxI / n - ((double)first.MaxJ / m);
        var min = (double)first.MinI / n - ((double)first.MinJ / m);
        var minS = Math.Clamp(-min, 0, 1);
        return minS > max ? minS : max;
    }

    /// <summary>The largest and smallest scaled gap seen, with the counts (i of a, j of b) where they occur.</summary>
    private struct Extremes
    {
        private long _max;
        private long _min;

        public int MaxI;
        public int MaxJ;
        public int MinI;
        public int MinJ;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Update(int i, int atOrBelow, int below, int n, int m)
        {
            var high = ((long)(i + 1) * m) - ((long)atOrBelow * n);
            if (high > _max)
            {
                _max = high;
                MaxI = i + 1;
                MaxJ = atOrBelow;
            }

            var low = ((long)i * m) - ((long)below * n);
            if (low < _min)
            {
                _min = low;
                MinI = i;
                MinJ = below;
            }
        }

        public void Merge(Extremes other)
        {
            if (other._max > _max)
            {
                _max = other._max;
                MaxI = other.MaxI;
                MaxJ = other.MaxJ;
            }

            if (other._min < _min)
            {
                _min = other._min;
                MinI = other.MinI;
                MinJ = other.MinJ;
            }
        }
    }
}
