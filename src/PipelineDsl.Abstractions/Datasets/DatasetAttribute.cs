using System;

namespace PipelineDsl;

/// <summary>
/// Declares a record or class as a dataset: one instance is one row. The generator emits a typed,
/// culture-invariant CSV reader and a validator for it, plus a schema hash for lineage.
/// </summary>
/// <example><code>[Dataset("churn", Source = "data/churn.csv")] public sealed partial record Customer { ... }</code></example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class DatasetAttribute : Attribute
{
    /// <summary>Creates the declaration.</summary>
    /// <param name="name">Stable dataset name, used in the DAG, the store and <c>--source NAME=PATH</c>.</param>
    public DatasetAttribute(string name) => Name = name;

    /// <summary>Stable dataset name.</summary>
    public string Name { get; }

    /// <summary>Default CSV path, relative to the working directory or to the application folder.</summary>
    public string? Source { get; set; }

    /// <summary>Name of the <see cref="DateTime"/> member that tells when the row was observed. Enables time-based splits.</summary>
    public string? Timestamp { get; set; }

    /// <summary>Field delimiter of the CSV source. Defaults to a comma.</summary>
    public char Delimiter { get; set; } = ',';
}
