namespace PipelineDsl.Runtime.Monitoring.Statistics;

/// <summary>The outcome of a two-sample hypothesis test.</summary>
/// <param name="Statistic">The test statistic (for Kolmogorov-Smirnov, the two-sided D).</param>
/// <param name="PValue">
/// The probability, under the null hypothesis that both samples come from the same distribution, of a statistic at
/// least this large: small values mean the samples differ. In [0, 1].
/// </param>
public sealed record TestResult(double Statistic, double PValue);
