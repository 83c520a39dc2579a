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

    /// <summary>
    /// Reads one prediction request: a JSON object whose fields are the columns a prediction may use (every column but
    /// the label and the <see cref="NotAvailableAtPredictionAttribute"/> members), named by <see cref="ColumnDefinition.JsonName"/>
    /// (case-insensitively; the CSV header is accepted too). The reader is positioned on the object's first token and is
    /// left on its last. Unknown, label and late fields, wrong JSON types and missing required fields each add a
    /// <see cref="FieldError"/>; the declared rules (range, categories, required) are not applied here: call
    /// <see cref="Validate"/> on the row as training does.
    /// </summary>
    /// <returns>Whether <paramref name="row"/> was read; false when any error was added.</returns>
    public abstract bool TryReadJson(ref System.Text.Json.Utf8JsonReader reader, ICollection<FieldError> errors, out TRow row);

    /// <summary>The columns a prediction request carries: all but the label and the not-available-at-prediction members.</summary>
    public IReadOnlyList<ColumnDefinition> RequestColumns =>
        _requestColumns ??= Columns.Where(c => (c.Role & (ColumnRole.Label | ColumnRole.NotAvailableAtPrediction)) == 0).ToArray();

    private ColumnDefinition[]? _requestColumns;

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
