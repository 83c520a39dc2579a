namespace PipelineDsl.Runtime.Data;

/// <summary>
/// What one dataset version holds: its schema as declared by the code that stored it, its row count, and the
/// statistics of every declared column (in schema order). Computed by <see cref="ColumnProfiler"/>, stored beside the
/// version, compared by <see cref="DatasetDiff"/>.
/// </summary>
/// <param name="Dataset">The dataset's name.</param>
/// <param name="Rows">How many data rows the file has (blank lines are not rows).</param>
/// <param name="Schema">The declared columns.</param>
/// <param name="Columns">One profile per declared column, in the same order.</param>
public sealed record DatasetProfile(string Dataset, int Rows, IReadOnlyList<SchemaColumn> Schema, IReadOnlyList<ColumnProfile> Columns)
{
    /// <summary>The profile of the column with header <paramref name="header"/>, or <see langword="null"/>.</summary>
    public ColumnProfile? Column(string header) => Columns.FirstOrDefault(c => string.Equals(c.Column, header, StringComparison.Ordinal));

    /// <summary>The schema entry of the column with header <paramref name="header"/>, or <see langword="null"/>.</summary>
    public SchemaColumn? SchemaOf(string header) => Schema.FirstOrDefault(c => string.Equals(c.Header, header, StringComparison.Ordinal));
}
