using PipelineDsl.Runtime.Data;

namespace PipelineDsl.Runtime;

/// <summary>
/// A dataset seen without its row type: what the runner needs to ingest, validate and snapshot a dataset that a
/// feature set joins, whatever its rows are. Implemented by <see cref="DatasetDefinition{TRow}"/>.
/// </summary>
public interface IDatasetDefinition
{
    /// <summary>Stable dataset name.</summary>
    string Name { get; }

    /// <summary>Default source path, or <see langword="null"/>.</summary>
    string? DefaultSource { get; }

    /// <summary>SHA-256 of the normalized schema.</summary>
    string SchemaHash { get; }

    /// <summary>The declared columns, in declaration order.</summary>
    IReadOnlyList<ColumnDefinition> Columns { get; }

    /// <summary>The field delimiter of the source files.</summary>
    char Delimiter { get; }

    /// <summary>Reads a CSV file into an array of rows (the row type's array) with each row's source line.</summary>
    (Array Rows, int[] LineNumbers, DataErrorReport Errors) ReadCsvUntyped(string path);

    /// <summary>Applies the declared rules to rows read by <see cref="ReadCsvUntyped"/>.</summary>
    DataErrorReport ValidateUntyped(Array rows, int[] lineNumbers, string path);
}
