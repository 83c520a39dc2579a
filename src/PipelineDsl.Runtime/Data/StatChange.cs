namespace PipelineDsl.Runtime.Data;

/// <summary>One statistic of a numeric column in two dataset versions.</summary>
/// <param name="Name">The statistic: <c>null_rate</c>, <c>mean</c>, <c>std</c>, <c>min</c>, <c>max</c> or a quantile (<c>p01</c> ... <c>p99</c>).</param>
/// <param name="Before">Its value in the earlier version.</param>
/// <param name="After">Its value in the later version.</param>
public sealed record StatChange(string Name, double Before, double After)
{
    /// <summary><see cref="After"/> minus <see cref="Before"/>.</summary>
    public double Delta => After - Before;

    /// <summary>Whether the value differs.</summary>
    public bool Changed => !Before.Equals(After);
}
