namespace PipelineDsl.Runtime.Data;

/// <summary>How a date-time column's range moved between two dataset versions (<see langword="null"/> where a version holds no value).</summary>
/// <param name="Column">The column's CSV header.</param>
/// <param name="MinBefore">The earliest time in the earlier version.</param>
/// <param name="MinAfter">The earliest time in the later version.</param>
/// <param name="MaxBefore">The latest time in the earlier version.</param>
/// <param name="MaxAfter">The latest time in the later version.</param>
/// <param name="NullRate">The share of null cells, before and after.</param>
public sealed record DateTimeShift(string Column, DateTime? MinBefore, DateTime? MinAfter, DateTime? MaxBefore, DateTime? MaxAfter, StatChange NullRate)
{
    /// <summary>Whether the range or the null rate differs.</summary>
    public bool Changed => MinBefore != MinAfter || MaxBefore != MaxAfter || NullRate.Changed;
}
