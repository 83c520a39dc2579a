namespace PipelineDsl.Runtime.Data;

/// <summary>One bad cell or failed rule.</summary>
/// <param name="File">The source file.</param>
/// <param name="Line">1-based line in the file (the header is line 1).</param>
/// <param name="Column">The CSV header of the column, or the member name when no header applies.</param>
/// <param name="Rule">What failed: <c>type</c>, <c>missing</c>, <c>range</c>, <c>categories</c>, <c>required</c>, <c>header</c>, <c>shape</c>.</param>
/// <param name="Message">What was found and what was expected.</param>
public sealed record DataError(string File, int Line, string Column, string Rule, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: column '{Column}': {Rule}: {Message}";
}
