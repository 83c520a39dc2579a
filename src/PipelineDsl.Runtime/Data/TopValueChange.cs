namespace PipelineDsl.Runtime.Data;

/// <summary>One value of a categorical column in two dataset versions. Frequencies are shares of the non-null cells.</summary>
/// <param name="Value">The value.</param>
/// <param name="Status">What happened to it.</param>
/// <param name="CountBefore">How many rows held it in the earlier version; <see langword="null"/> when unknown (not among its top values, which are not all its values).</param>
/// <param name="CountAfter">How many rows hold it in the later version; <see langword="null"/> when unknown.</param>
/// <param name="FrequencyBefore">Its share of the earlier version's values, or <see langword="null"/> when unknown.</param>
/// <param name="FrequencyAfter">Its share of the later version's values, or <see langword="null"/> when unknown.</param>
public sealed record TopValueChange(string Value, TopValueStatus Status, int? CountBefore, int? CountAfter, double? FrequencyBefore, double? FrequencyAfter)
{
    /// <summary>The change of frequency, or <see langword="null"/> when either is unknown.</summary>
    public double? FrequencyDelta => FrequencyAfter - FrequencyBefore;
}
