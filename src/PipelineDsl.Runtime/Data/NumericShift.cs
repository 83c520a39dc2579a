namespace PipelineDsl.Runtime.Data;

/// <summary>How a numeric column's distribution moved between two dataset versions.</summary>
/// <param name="Column">The column's CSV header.</param>
/// <param name="Stats">
/// The null rate, then (when both versions hold values) mean, std, min, max and the quantiles, in that order.
/// </param>
/// <param name="StandardizedMeanShift">
/// (mean after - mean before) / std before: how many of the earlier version's standard deviations the mean moved.
/// 0 when the means are equal; <see langword="null"/> when a version holds no value, or the earlier standard
/// deviation is 0 and the mean moved.
/// </param>
public sealed record NumericShift(string Column, IReadOnlyList<StatChange> Stats, double? StandardizedMeanShift)
{
    /// <summary>Whether any statistic differs.</summary>
    public bool Changed => Stats.Any(s => s.Changed);

    /// <summary>The statistic named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public StatChange? Stat(string name) => Stats.FirstOrDefault(s => s.Name == name);
}
