namespace PipelineDsl.Runtime;

/// <summary>The storage type of a dataset column, as declared by its member.</summary>
public enum ColumnType
{
    /// <summary><see cref="string"/>.</summary>
    String,
    /// <summary><see cref="bool"/>.</summary>
    Boolean,
    /// <summary><see cref="int"/>.</summary>
    Int32,
    /// <summary><see cref="long"/>.</summary>
    Int64,
    /// <summary><see cref="float"/>.</summary>
    Single,
    /// <summary><see cref="double"/>.</summary>
    Double,
    /// <summary><see cref="decimal"/>.</summary>
    Decimal,
    /// <summary><see cref="System.DateTime"/>.</summary>
    DateTime,
}
