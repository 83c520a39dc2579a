namespace PipelineDsl.Runtime.Data;

/// <summary>How a categorical column's values moved between two dataset versions.</summary>
/// <param name="Column">The column's CSV header.</param>
/// <param name="DistinctBefore">Distinct values in the earlier version (<see langword="null"/> when it held none).</param>
/// <param name="DistinctAfter">Distinct values in the later version (<see langword="null"/> when it holds none).</param>
/// <param name="NullRate">The share of null cells, before and after.</param>
/// <param name="Values">
/// Every value among the top values of either version: new and vanished values first, then the rest by the size of
/// their frequency change, largest first.
/// </param>
public sealed record CategoricalShift(string Column, int? DistinctBefore, int? DistinctAfter, StatChange NullRate, IReadOnlyList<TopValueChange> Values)
{
    /// <summary>Whether the distinct count, the null rate or any top value's frequency differs.</summary>
    public bool Changed => DistinctBefore != DistinctAfter || NullRate.Changed || Values.Any(v => v.Status != TopValueStatus.Unchanged);
}
