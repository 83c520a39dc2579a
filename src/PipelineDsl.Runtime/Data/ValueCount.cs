namespace PipelineDsl.Runtime.Data;

/// <summary>A value of a categorical column and how many rows hold it.</summary>
/// <param name="Value">The cell's text, as the generated reader keeps it (not trimmed).</param>
/// <param name="Count">How many rows hold it.</param>
public sealed record ValueCount(string Value, int Count);
