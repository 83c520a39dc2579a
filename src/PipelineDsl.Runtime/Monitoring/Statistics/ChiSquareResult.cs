namespace PipelineDsl.Runtime.Monitoring.Statistics;

/// <summary>The outcome of <see cref="ChiSquare.Test"/>.</summary>
/// <param name="Statistic">Pearson's statistic, sum over categories of (observed - expected)^2 / expected.</param>
/// <param name="PValue">The chi-squared survival function at <paramref name="Statistic"/> with <paramref name="DegreesOfFreedom"/> degrees of freedom.</param>
/// <param name="DegreesOfFreedom">The number of categories compared, minus 1.</param>
/// <param name="Categories">The categories compared, in the order their terms were summed (ordinal order).</param>
/// <param name="UnseenInReference">
/// The categories observed in the current counts that the reference never saw (count 0 or absent): their expected
/// count comes from the floor <see cref="ChiSquare.UnseenPseudoCount"/>, so each adds a large term.
/// </param>
public sealed record ChiSquareResult(
    double Statistic,
    double PValue,
    int DegreesOfFreedom,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> UnseenInReference)
{
    /// <summary>The statistic and p-value alone.</summary>
    public TestResult ToTestResult() => new(Statistic, PValue);
}
