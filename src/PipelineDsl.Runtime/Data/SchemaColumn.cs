namespace PipelineDsl.Runtime.Data;

/// <summary>
/// One column of a dataset version's schema as the code that stored the version declared it: what a diff compares to
/// show schema changes, even after the code changed.
/// </summary>
/// <param name="Header">The file's header the column was read from (columns are matched by it across versions).</param>
/// <param name="Member">The C# member it fills.</param>
/// <param name="Type">Its storage type.</param>
/// <param name="Role">Key, label, timestamp or not-available-at-prediction.</param>
/// <param name="Nullable">Whether a missing cell is allowed.</param>
public sealed record SchemaColumn(string Header, string Member, ColumnType Type, ColumnRole Role, bool Nullable)
{
    /// <summary>The schema column of a declared column, read from the file's column <paramref name="header"/>.</summary>
    public static SchemaColumn Of(ColumnDefinition column, string header)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(header);
        return new SchemaColumn(header, column.Member, column.Type, column.Role, column.Nullable);
    }
}
