namespace PipelineDsl.Runtime.Tests.Monitoring;

/// <summary>Relative comparisons against SciPy's values.</summary>
internal static class Close
{
    /// <summary>Statistics: computed with the same operations as SciPy, so only rounding separates them.</summary>
    public const double Statistic = 1e-9;

    /// <summary>
    /// P-values: the Kolmogorov distribution is evaluated by the same methods as SciPy but not always the same
    /// arithmetic (SciPy's one-sided Smirnov sum runs in double-double, ours in log space; SciPy's matrix powers go
    /// through BLAS), and MathNet's incomplete gamma is not cephes': agreement to 1e-6 relative is what is asked,
    /// where SciPy's value is above 1e-10; below that only the order of magnitude of a vanishing tail is compared.
    /// </summary>
    public const double PValue = 1e-6;

    /// <summary>Below this, p-values are compared on a log scale (a factor of 1.01).</summary>
    public const double TinyPValue = 1e-10;

    public static void Relative(double expected, double actual, double tolerance, string what)
    {
        if (expected == actual)
        {
            return;
        }

        var scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        var error = Math.Abs(expected - actual) / scale;
        Assert.True(error <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (relative difference {error:E2}, tolerance {tolerance:E0})");
    }

    public static void PValueLike(double expected, double actual, string what)
    {
        if (expected > TinyPValue)
        {
            Relative(expected, actual, PValue, what);
            return;
        }

        // A vanishing tail: both tiny, and within a factor of 1.01 unless both underflow to 0.
        Assert.True(actual <= 10 * TinyPValue, $"{what}: expected {expected:R} (tiny), got {actual:R}");
        if (expected > 1e-290 && actual > 1e-290)
        {
            Relative(expected, actual, 0.01, what + " (tail)");
        }
    }
}
