using PipelineDsl.Runtime.Data;

namespace PipelineDsl.Runtime;

/// <summary>
/// A dataset declared with <see cref="DatasetAttribute"/>. The generator emits one sealed subclass per row type
/// (<c>{Row}Dataset</c>) with a typed CSV reader and a validator; nothing here uses reflection.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public abstract class DatasetDefinition<TRow> : IDatasetDefinition
{
    /// <summary>Stable dataset name.</summary>
    public abstract string Name { get; }

    /// <summary>Default source path from the declaration, or <see langword="null"/>.</summary>
    public abstract string? DefaultSource { get; }

    /// <summary>CSV field delimiter.</summary>
    public abstract char Delimiter { get; }

    /// <summary>The columns, in declaration order.</summary>
    public abstract IReadOnlyList<ColumnDefinition> Columns { get; }

    /// <summary>SHA-256 of the normalized schema (members, types, headers, roles, rules), computed at compile time.</summary>
    public abstract string SchemaHash { get; }

    /// <summary>Whether the dataset declares a timestamp member.</summary>
    public abstract bool HasTimestamp { get; }

    /// <summary>The label member's name.</summary>
    public abstract string LabelMember { get; }

    /// <summary>
    /// Reads and type-checks a CSV file. Every bad cell is reported with file, line and column; rows with a bad
    /// cell are left out of <see cref="DatasetLoadResult{TRow}.Rows"/>.
    /// </summary>
    public abstract DatasetLoadResult<TRow> ReadCsv(string path, int maxReportedErrors = DataErrorCollector.DefaultMaxReported);

    /// <summary>Applies the declared rules (range, categories, required) to every row.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="lineNumbers">The 1-based source line of each row, for the report.</param>
    /// <param name="errors">Where failures go.</param>
    public abstract void Validate(ReadOnlySpan<TRow> rows, ReadOnlySpan<int> lineNumbers, DataErrorCollector errors);

    /// <summary>The label as a float: 1/0 for a boolean label, the value for a numeric one.</summary>
    public abstract float GetLabel(TRow row);

    /// <summary>The row's timestamp; <see cref="DateTime.MinValue"/> when the dataset has none.</summary>
    public abstract DateTime GetTimestamp(TRow row);

    /// <inheritdoc />
    public (Array Rows, int[] LineNumbers, DataErrorReport Errors) ReadCsvUntyped(string path)
    {
        var load = ReadCsv(path);
        return (load.Rows, load.LineNumbers, load.Errors);
    }

    /// <inheritdoc />
    public DataErrorReport ValidateUntyped(Array rows, int[] lineNumbers, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new DataErrorCollector(path);
        Validate((TRow[])rows, lineNumbers, errors);
        return errors.ToReport();
    }
}
