namespace PipelineDsl.Runtime.Monitoring.Statistics;

/// <summary>
/// The sum of doubles in NumPy's order (<c>np.sum</c> on a contiguous float64 array: pairwise, eight running sums per
/// block of up to 128 values). Summing the short arrays of the binned statistics in that order makes their results
/// agree with SciPy's to the last bit or close to it, where a left-to-right sum would differ by rounding.
/// </summary>
internal static class PairwiseSum
{
    private const int BlockSize = 128;

    public static double Sum(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n < 8)
        {
            var result = 0.0;
            foreach (var value in values)
            {
                result += value;
            }

            return result;
        }

        if (n <= BlockSize)
        {
            Span<double> r = stackalloc double[8];
            values[..8].CopyTo(r);
            var i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                r[0] += values[i];
                r[1] += values[i + 1];
                r[2] += values[i + 2];
                r[3] += values[i + 3];
                r[4] += values[i + 4];
                r[5] += values[i + 5];
                r[6] += values[i + 6];
                r[7] += values[i + 7];
            }

            var sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
            {
                sum += values[i];
            }

            return sum;
        }

        var half = n / 2;
        half -= half % 8;
        return Sum(values[..half]) + Sum(values[half..]);
    }
}
