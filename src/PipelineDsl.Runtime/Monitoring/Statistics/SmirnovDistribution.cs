using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MathNet.Numerics;

namespace PipelineDsl.Runtime.Monitoring.Statistics;

/// <summary>
/// The survival function of the one-sided one-sample Kolmogorov-Smirnov statistic D+_n, Pr(D+_n &gt;= d): SciPy's
/// <c>scipy.special.smirnov(n, d)</c>. MathNet.Numerics has no Smirnov distribution, so this is hand-written.
/// </summary>
/// <remarks>
/// The exact Smirnov / Birnbaum-Tingey sum
/// Pr(D+_n &gt;= d) = d * sum over v = 0 .. floor(n (1 - d)) of C(n, v) (d + v/n)^(v - 1) (1 - d - v/n)^(n - v),
/// with the special cases SciPy uses (d &lt;= 1/n, d &gt;= 1 - 1/n, a tail that underflows, and n above a million
/// by the approximation exp(-(6 n d + 1)^2 / (18 n))). SciPy sums the terms in double-double arithmetic; here each
/// term is formed in log space (the first binomial coefficient from MathNet's
/// <see cref="SpecialFunctions.BinomialLn"/>, then updated one factor at a time; the logarithms of a block of terms
/// vectorized by <see cref="TensorPrimitives"/>) and the terms are summed scaled by the largest. That keeps about
/// 8 significant digits at n = 10^6 and 10 at n = 10^5, far within the 1e-6 the tests ask. For large n the terms
/// that matter cluster around v = n/2: a coarse scan finds where they are within e^-50 of the largest, and only
/// those are summed (the rest add less than 1e-16 relative).
/// </remarks>
internal static class SmirnovDistribution
{
    private const double MinLog = -7.08396418532264106224e2;
    private const int MaxComputeN = 1_000_000;
    private const int ScanThreshold = 4096;
    private const int ScanPoints = 512;
    private const double Negligible = 50.0;
    private const double MachineEpsilon = 2.220446049250313e-16;
    private const int Chunk = 2048;

    /// <summary>Pr(D+_n &gt;= d).</summary>
    public static double Survival(int n, double d)
    {
        if (!(n > 0 && d >= 0.0 && d <= 1.0))
        {
            return double.NaN;
        }

        if (n == 1)
        {
            return 1 - d;
        }

        if (d == 0.0)
        {
            return 1.0;
        }

        if (d == 1.0)
        {
            return 0.0;
        }

        // floor(n d) and its remainder alpha, computed exactly (the product's rounding error by a fused multiply-add).
        var product = (double)n * d;
        var error = Math.FusedMultiplyAdd(n, d, -product);
        var floor = Math.Floor(product);
        var alpha = (product - floor) + error;
        if (alpha < 0)
        {
            floor -= 1;
            alpha += 1;
        }
        else if (alpha >= 1)
        {
            floor += 1;
            alpha -= 1;
        }

        var nxFloor = (int)floor;

        // The sum runs to v = floor(n (1 - d)); when n d is an integer that last term is 0 (its base 1 - d - v/n
        // is 0) and is left out, so it always ends at n - floor(n d) - 1.
        var lastTerm = n - nxFloor - 1;

        if (nxFloor == 0 || (nxFloor == 1 && alpha == 0))
        {
            // d <= 1/n.
            var cdf = d * Math.Pow(1 + d, n - 1);
            return 1 - cdf;
        }

        if (-2 * n * d * d < MinLog)
        {
            return 0.0;
        }

        if (nxFloor >= n - 1)
        {
            // d >= 1 - 1/n.
            return Math.Pow(1 - d, n);
        }

        if (n > MaxComputeN)
        {
            var logP = -Math.Pow((6.0 * n * d) + 1, 2) / 18.0 / n;
            return logP < -Math.Log(2) ? Math.Exp(logP) : 1 - (-double.ExpM1(logP));
        }

        var logN = Math.Log(n);
        var first = 0;
        var last = lastTerm;
        if (lastTerm + 1 > ScanThreshold)
        {
            (first, last) = SignificantRange(n, nxFloor, alpha, logN, lastTerm);
        }

        var logSum = LogSumOfTerms(n, nxFloor, alpha, logN, first, last);
        var p = Math.Exp(Math.Log(d) + logSum);
        return p < 0 ? 0 : p > 1 ? 1 : p;
    }

    /// <summary>
    /// log of the sum over v = first .. last of the terms C(n, v) (d + v/n)^(v - 1) (1 - d - v/n)^(n - v), in blocks
    /// of <see cref="Chunk"/>: the logarithms of a block are taken by the vectorized
    /// <see cref="TensorPrimitives.Log{T}(ReadOnlySpan{T}, Span{T})"/>, and the block's exponentials are added to a
    /// running sum scaled by the largest log-term so far. log C(n, v) is carried from one v to the next by adding
    /// log(n - v + 1) - log(v).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop, called a few times per process: skip tier 0
    private static double LogSumOfTerms(int n, int nxFloor, double alpha, double logN, int first, int last)
    {
        var up = new double[Chunk];
        var down = new double[Chunk];
        var numerator = new double[Chunk];
        var denominator = new double[Chunk];
        var shift = double.NegativeInfinity;
        var sum = 0.0;
        var logBinomial = SpecialFunctions.BinomialLn(n, first);
        for (var start = first; start <= last; start += Chunk)
        {
            var length = Math.Min(Chunk, last - start + 1);
            var u = up.AsSpan(0, length);
            var w = down.AsSpan(0, length);
            var top = numerator.AsSpan(0, length);
            var bottom = denominator.AsSpan(0, length);
            for (var k = 0; k < length; k++)
            {
                var v = start + k;

                // d + v/n = (nxFloor + v + alpha)/n and 1 - d - v/n = (n - nxFloor - v - alpha)/n, from exact integer parts.
                u[k] = (nxFloor + v) + alpha;
                w[k] = (n - nxFloor - v) - alpha;
                top[k] = n - v + 1;
                bottom[k] = Math.Max(v, 1);
            }

            TensorPrimitives.Log(u, u);
            TensorPrimitives.Log(w, w);
            TensorPrimitives.Log(top, top);
            TensorPrimitives.Log(bottom, bottom);
            var blockMax = double.NegativeInfinity;
            for (var k = 0; k < length; k++)
            {
                var v = start + k;
                if (v > first)
                {
                    logBinomial += top[k] - bottom[k];
                }

                var logTerm = logBinomial + ((v - 1) * (u[k] - logN)) + ((n - v) * (w[k] - logN));
                u[k] = logTerm;
                blockMax = Math.Max(blockMax, logTerm);
            }

            if (blockMax > shift)
            {
                sum *= Math.Exp(shift - blockMax);
                shift = blockMax;
            }

            // Terms more than e^-60 below the largest cannot reach the sum's last bit; skipping them also avoids exp's
            // slow underflow path.
            var blockSum = 0.0;
            for (var k = 0; k < length; k++)
            {
                var scaled = u[k] - shift;
                blockSum += scaled > -60.0 ? Math.Exp(scaled) : 0.0;
            }

            sum += blockSum;

            // Past the peak, stop once every remaining term is below the last bit of the sum.
            var remaining = last - (start + length) + 1;
            var lastScaled = u[length - 1] - shift;
            if (remaining > 0 && blockMax < shift && (lastScaled < -60.0 || Math.Exp(lastScaled) * 4.0 * remaining < MachineEpsilon * sum))
            {
                break;
            }
        }

        return shift + Math.Log(sum);
    }

    /// <summary>log of C(n, v) (d + v/n)^(v - 1) (1 - d - v/n)^(n - v), with d = (nxFloor + alpha)/n.</summary>
    private static double LogTerm(int n, int v, int nxFloor, double alpha, double logN, double logBinomial)
    {
        // d + v/n = (nxFloor + v + alpha)/n and 1 - d - v/n = (n - nxFloor - v - alpha)/n, from exact integer parts.
        var up = (nxFloor + v) + alpha;
        var down = (n - nxFloor - v) - alpha;
        return logBinomial + ((v - 1) * (Math.Log(up) - logN)) + ((n - v) * (Math.Log(down) - logN));
    }

    /// <summary>
    /// The range of v whose terms are within e^-50 of the largest: a scan of <see cref="ScanPoints"/> evenly spaced
    /// v finds the largest, then the range is widened by one scan step on each side beyond the last point above the
    /// cut (the terms rise to one peak and fall; their width, at least n/80 where the sum is needed, spans many steps).
    /// </summary>
    private static (int First, int Last) SignificantRange(int n, int nxFloor, double alpha, double logN, int lastTerm)
    {
        var step = Math.Max(1, lastTerm / ScanPoints);
        var points = (lastTerm / step) + 1;
        var logs = new double[points];
        var best = double.NegativeInfinity;
        for (var i = 0; i < points; i++)
        {
            var v = i * step;
            logs[i] = LogTerm(n, v, nxFloor, alpha, logN, SpecialFunctions.BinomialLn(n, v));
            best = Math.Max(best, logs[i]);
        }

        int firstPoint = points - 1, lastPoint = 0;
        for (var i = 0; i < points; i++)
        {
            if (logs[i] > best - Negligible)
            {
                firstPoint = Math.Min(firstPoint, i);
                lastPoint = Math.Max(lastPoint, i);
            }
        }

        var first = Math.Max(0, (firstPoint - 1) * step);
        var last = Math.Min(lastTerm, (lastPoint + 1) * step);
        if (lastPoint == points - 1)
        {
            last = lastTerm;
        }

        return (first, last);
    }
}
