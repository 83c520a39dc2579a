using System.Runtime.CompilerServices;

namespace PipelineDsl.Runtime.Monitoring.Statistics;

/// <summary>
/// The survival function of the two-sided one-sample Kolmogorov-Smirnov statistic D_n for a sample of size n,
/// Pr(D_n &gt;= d): SciPy's <c>scipy.stats.kstwo.sf(d, n)</c> (SciPy 1.10, <c>scipy/stats/_ksstats.py</c>), written
/// again here with the same choice of method for each (n, d) so that the two agree to rounding.
/// </summary>
/// <remarks>
/// MathNet.Numerics has no Kolmogorov distribution, so this is hand-written. The methods, chosen by Simard and
/// L'Ecuyer's (2011) rules as SciPy chooses them: the exact Ruben-Gambino formulas at the two ends of the support;
/// twice the one-sided Smirnov tail (<see cref="SmirnovDistribution"/>) where the two one-sided events cannot both
/// happen (d &gt;= 0.5) or their intersection is negligible (large n d^2); the Durbin matrix algorithm as
/// Marsaglia, Tsang and Wang compute it for small n d^2; Pomeranz's recursion for n &lt;= 140 in between; and the
/// Pelz-Good asymptotic series for large n and moderate d.
/// </remarks>
internal static class KolmogorovDistribution
{
    private const int Exponent128 = 128;
    private static readonly double Power128 = Math.ScaleB(1.0, Exponent128);
    private static readonly double PowerMinus128 = Math.ScaleB(1.0, -Exponent128);
    private const double MinLog = -708;

    private static readonly double Sqrt2Pi = Math.Sqrt(2 * Math.PI);
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);
    private const double PiSquared = Math.PI * Math.PI;
    private const double PiFour = PiSquared * PiSquared;
    private const double PiSix = PiFour * PiSquared;

    // Stirling series coefficients B_{2j} / (2j) / (2j - 1), j = 8 .. 1.
    private static readonly double[] StirlingCoefficients =
    [
        -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ];

    /// <summary>Pr(D_n &gt;= d), the two-sided statistic's survival function.</summary>
    public static double Survival(int n, double d)
    {
        if (n <= 0 || double.IsNaN(d))
        {
            return double.NaN;
        }

        // scipy.stats.kstwo's support is [1/(2n), 1]: the survival function is 1 below it and 0 above it.
        if (d >= 1.0)
        {
            return 0.0;
        }

        if (d <= 0.0)
        {
            return 1.0;
        }

        var t = n * d;
        if (t <= 1.0)
        {
            // Ruben-Gambino: 1/(2n) <= d <= 1/n.
            if (t <= 0.5)
            {
                return 1.0;
            }

            double cdf;
            if (n <= 140)
            {
                cdf = 1.0;
                var inverseN = 1.0 / n;
                var factor = (2 * t) - 1;
                for (var i = 1; i <= n; i++)
                {
                    cdf *= i * inverseN * factor;
                }
            }
            else
            {
                cdf = Math.Exp(LogNFactorialOverNPowerN(n) + (n * Math.Log((2 * t) - 1)));
            }

            return Clip(1.0 - cdf);
        }

        if (t >= n - 1)
        {
            // Ruben-Gambino: 1 - 1/n <= d < 1.
            return Clip(2 * Math.Pow(1.0 - d, n));
        }

        if (d >= 0.5)
        {
            // D+ >= d and D- >= d cannot both happen: exactly twice the one-sided tail.
            return Clip(2 * SmirnovDistribution.Survival(n, d));
        }

        var nSquaredD = t * d;
        if (n <= 140)
        {
            if (nSquaredD <= 0.754693)
            {
                return Clip(1.0 - DurbinMatrix(n, d));
            }

            if (nSquaredD <= 4)
            {
                return Clip(1.0 - Pomeranz(n, d));
            }

            return Clip(2 * SmirnovDistribution.Survival(n, d));
        }

        if (nSquaredD >= 370.0)
        {
            return 0.0;
        }

        if (nSquaredD >= 2.2)
        {
            return Clip(2 * SmirnovDistribution.Survival(n, d));
        }

        var cdfProbability = n <= 100000 && n * Math.Pow(d, 1.5) <= 1.4 ? DurbinMatrix(n, d) : PelzGood(n, d);
        return Clip(1.0 - cdfProbability);
    }

    private static double Clip(double p) => p < 0 ? 0 : p > 1 ? 1 : p;

    /// <summary>log(n! / n^n) by Stirling's series, without forming n log n.</summary>
    private static double LogNFactorialOverNPowerN(int n)
    {
        var rn = 1.0 / n;
        var x = rn / n;
        var polynomial = 0.0;
        foreach (var c in StirlingCoefficients)
        {
            polynomial = (polynomial * x) + c;
        }

        return (Math.Log(n) / 2) - n + (Log2Pi / 2) + (rn * polynomial);
    }

    /// <summary>
    /// Pr(D_n &lt;= d) by Durbin's matrix algorithm as Marsaglia, Tsang and Wang (2003) compute it: with
    /// d = (k - h)/n, the k-th diagonal element of H^n (H of size 2k - 1) times n!/n^n, rescaled by powers of 2^128.
    /// </summary>
    internal static double DurbinMatrix(int n, double d)
    {
        if (d >= 1.0)
        {
            return 1.0;
        }

        var nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = (2 * k) - 1;

        var v = new double[m];
        var w = new double[m];
        var fac = 1.0;
        for (var j = 1; j <= m; j++)
        {
            v[j - 1] = 1.0 - Math.Pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }

        var tt = Math.Pow(Math.Max((2 * h) - 1.0, 0), m) - (2 * Math.Pow(h, m));
        v[m - 1] = (1.0 + tt) * fac;

        var matrix = new double[m * m];
        for (var i = 1; i < m; i++)
        {
            for (var r = i - 1; r < m; r++)
            {
                matrix[(r * m) + i] = w[r - (i - 1)];
            }
        }

        for (var r = 0; r < m; r++)
        {
            matrix[r * m] = v[r];
        }

        for (var c = 0; c < m; c++)
        {
            matrix[((m - 1) * m) + c] = v[m - 1 - c];
        }

        var power = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            power[(i * m) + i] = 1.0;
        }

        var scratch = new double[m * m];
        var nn = n;
        var exponent = 0;
        var matrixExponent = 0;
        while (nn > 0)
        {
            if ((nn & 1) == 1)
            {
                Multiply(power, matrix, scratch, m);
                (power, scratch) = (scratch, power);
                exponent += matrixExponent;
            }

            Multiply(matrix, matrix, scratch, m);
            (matrix, scratch) = (scratch, matrix);
            matrixExponent *= 2;
            if (Math.Abs(matrix[((k - 1) * m) + k - 1]) > Power128)
            {
                for (var i = 0; i < matrix.Length; i++)
                {
                    matrix[i] /= Power128;
                }

                matrixExponent += Exponent128;
            }

            nn /= 2;
        }

        var p = power[((k - 1) * m) + k - 1];

        // Multiply by n!/n^n.
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < PowerMinus128)
            {
                p *= Power128;
                exponent -= Exponent128;
            }
        }

        if (exponent != 0)
        {
            p = Math.ScaleB(p, exponent);
        }

        return Clip(p);
    }

    /// <summary>result = a b, for m x m row-major matrices.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop, called a few times per process: skip tier 0
    private static void Multiply(double[] a, double[] b, double[] result, int m)
    {
        System.Array.Clear(result);
        for (var i = 0; i < m; i++)
        {
            var row = result.AsSpan(i * m, m);
            for (var l = 0; l < m; l++)
            {
                var factor = a[(i * m) + l];
                if (factor == 0)
                {
                    continue;
                }

                var other = b.AsSpan(l * m, m);
                for (var j = 0; j < m; j++)
                {
                    row[j] += factor * other[j];
                }
            }
        }
    }

    /// <summary>
    /// Pr(D_n &lt;= d) by Pomeranz's (1974) recursion: 2n + 1 rows, each the convolution of the previous row with
    /// one of three truncated Poisson-like weight vectors; n! times the last entry of the last row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop, called a few times per process: skip tier 0
    internal static double Pomeranz(int n, double x)
    {
        var t = n * x;
        var ll = (int)Math.Floor(t);
        var f = t - ll;
        var g = Math.Min(f, 1.0 - f);
        var ceilF = f > 0 ? 1 : 0;
        var roundF = f > 0.5 ? 1 : 0;
        var powers = 2 * (ll + 1);
        var gPower = new double[powers];
        var twoGPower = new double[powers];
        var oneMinusTwoGPower = new double[powers];
        gPower[0] = 1.0;
        twoGPower[0] = 1.0;
        oneMinusTwoGPower[0] = 1.0;
        var exponent = 0;
        double gOverN = g / n, twoGOverN = 2 * g / n, oneMinusTwoGOverN = (1 - (2 * g)) / n;
        for (var m = 1; m < powers; m++)
        {
            gPower[m] = gPower[m - 1] * gOverN / m;
            twoGPower[m] = twoGPower[m - 1] * twoGOverN / m;
            oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * oneMinusTwoGOverN / m;
        }

        var v0 = new double[powers];
        var v1 = new double[powers];
        var conv = new double[2 * powers];
        v1[0] = 1;
        int v0Start = 0, v1Start = 0;
        var (j1, _) = PomeranzBounds(0, n, ll, ceilF, roundF);
        for (var i = 1; i < (2 * n) + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0Start, v1Start) = (v1Start, v0Start);
            System.Array.Clear(v1);
            (j1, var j2) = PomeranzBounds(i, n, ll, ceilF, roundF);
            var weights = i == 1 || i == (2 * n) + 1 ? gPower : i % 2 == 1 ? twoGPower : oneMinusTwoGPower;
            var length = j2 - k1 + 1;
            if (length > 0)
            {
                // np.convolve(v0[k1 - v0Start : k1 - v0Start + length], weights[:length]), slices cut at the ends.
                var start = k1 - v0Start;
                var aLength = Math.Min(length, powers - start);
                var bLength = Math.Min(length, powers);
                var convLength = aLength + bLength - 1;
                System.Array.Clear(conv, 0, convLength);
                for (var a = 0; a < aLength; a++)
                {
                    var va = v0[start + a];
                    if (va == 0)
                    {
                        continue;
                    }

                    for (var b = 0; b < bLength; b++)
                    {
                        conv[a + b] += va * weights[b];
                    }
                }

                var convStart = j1 - k1;
                var convCount = j2 - j1 + 1;
                var max = 0.0;
                for (var c = 0; c < convCount; c++)
                {
                    var value = conv[convStart + c];
                    v1[c] = value;
                    max = Math.Max(max, value);
                }

                // Rescale to avoid underflow.
                if (max > 0 && max < PowerMinus128)
                {
                    for (var c = 0; c < v1.Length; c++)
                    {
                        v1[c] *= Power128;
                    }

                    exponent -= Exponent128;
                }

                v1Start = v0Start + j1 - k1;
            }
        }

        // Multiply by n!.
        var answer = v1[n - v1Start];
        for (var m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > Power128)
            {
                answer *= PowerMinus128;
                exponent += Exponent128;
            }

            answer *= m;
        }

        if (exponent != 0)
        {
            answer = Math.ScaleB(answer, exponent);
        }

        return Clip(answer);
    }

    /// <summary>The first and last non-zero entries of row <paramref name="i"/> of Pomeranz's recursion.</summary>
    private static (int J1, int J2) PomeranzBounds(int i, int n, int ll, int ceilF, int roundF)
    {
        int j1, j2;
        if (i == 0)
        {
            j1 = -ll - ceilF - 1;
            j2 = ll + ceilF - 1;
        }
        else
        {
            var half = (i + 1) / 2;
            if ((i + 1) % 2 == 0)
            {
                // i is odd.
                if (half == n + 1)
                {
                    j1 = n - ll - ceilF - 1;
                    j2 = n + ll + ceilF - 1;
                }
                else
                {
                    j1 = half - 1 - ll - roundF - 1;
                    j2 = half + ll - 1 + ceilF - 1;
                }
            }
            else
            {
                j1 = half - 1 - ll - 1;
                j2 = half + ll + roundF - 1;
            }
        }

        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    /// <summary>
    /// The Pelz-Good (1976) approximation of Pr(D_n &lt;= x): the Li-Chien/Korolyuk expansion
    /// K0(z) + K1(z)/sqrt(n) + K2(z)/n + K3(z)/n^1.5 with z = x sqrt(n), each term rewritten with Jacobi theta
    /// functions into a series that converges fast for small z.
    /// </summary>
    internal static double PelzGood(int n, double x)
    {
        if (x <= 0.0)
        {
            return 0.0;
        }

        if (x >= 1.0)
        {
            return 1.0;
        }

        var z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z * z * z, z4 = z2 * z2, z6 = z4 * z2;

        var qLog = -PiSquared / 8 / z2;
        if (qLog < MinLog)
        {
            return 0.0;
        }

        var q = Math.Exp(qLog);

        var k1a = -z2;
        var k1b = PiSquared / 4;

        var k2a = (6 * z6) + (2 * z4);
        var k2b = ((2 * z4) - (5 * z2)) * PiSquared / 4;
        var k2c = PiFour * (1 - (2 * z2)) / 16;

        var k3d = PiSix * (5 - (30 * z2)) / 64;
        var k3c = PiFour * ((-60 * z2) + (212 * z4)) / 16;
        var k3b = PiSquared * ((135 * z4) - (96 * z6)) / 4;
        var k3a = (-30 * z6) - (90 * Math.Pow(z, 8));

        // Horner scheme for sum c_i q^(i^2) over odd i.
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var maxK = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxK; k > 0; k--)
        {
            double m = (2 * k) - 1;
            double m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
            var qPower = Math.Pow(q, 8 * k);
            s0 = (s0 * qPower) + 1.0;
            s1 = (s1 * qPower) + (k1a + (k1b * m2));
            s2 = (s2 * qPower) + (k2a + (k2b * m2) + (k2c * m4));
            s3 = (s3 * qPower) + (k3a + (k3b * m2) + (k3c * m4) + (k3d * m6));
        }

        s0 = s0 * q * Sqrt2Pi / z;
        s1 = s1 * q * Sqrt2Pi / (6 * z4);
        s2 = s2 * q * Sqrt2Pi / (72 * Math.Pow(z, 7));
        s3 = s3 * q * Sqrt2Pi / (6480 * Math.Pow(z, 10));

        // The other sums, over all integers k: K2 gets (pi^2 k^2) q^(k^2), K3 (3 pi^2 k^2 z^2 - pi^4 k^4) q^(k^2).
        var q2 = Math.Exp(-PiSquared / 2 / z2);
        var sqrt3Z = Math.Sqrt(3) * z;
        Span<double> k2Terms = maxK <= 256 ? stackalloc double[maxK] : new double[maxK];
        Span<double> k3Terms = maxK <= 256 ? stackalloc double[maxK] : new double[maxK];
        for (var i = 0; i < maxK; i++)
        {
            long k = maxK - i;
            var kSquared = k * k;
            var qPowers = Math.Pow(q2, kSquared);
            var kPi = Math.PI * k;
            k2Terms[i] = kSquared * qPowers;
            k3Terms[i] = (sqrt3Z + kPi) * (sqrt3Z - kPi) * kSquared * qPowers;
        }

        var k2Extra = PairwiseSum.Sum(k2Terms) * (PiSquared * Sqrt2Pi / (-36 * z3));
        s2 += k2Extra;
        var k3Extra = PairwiseSum.Sum(k3Terms) * (PiSquared * Sqrt2Pi / (216 * z6));
        s3 += k3Extra;

        s1 /= Math.Pow(n, 0.5);
        s2 /= Math.Pow(n, 1.0);
        s3 /= Math.Pow(n, 1.5);
        return 0.0 + s0 + s1 + s2 + s3;
    }
}
