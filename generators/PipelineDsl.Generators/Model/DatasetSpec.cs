using PipelineDsl.Generators.Helpers;

namespace PipelineDsl.Generators.Model;

/// <summary>A <c>[Dataset]</c> row type and everything its generated <c>{Row}Dataset</c> class needs.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record DatasetSpec
{
    /// <summary>The row type's namespace; empty for the global namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The row type's simple name, e.g. <c>Customer</c>.</summary>
    public required string TypeName { get; init; }

    /// <summary>The row type, <c>global::</c>-qualified.</summary>
    public required string RowTypeFullName { get; init; }

    /// <summary>The generated class's simple name, e.g. <c>CustomerDataset</c>.</summary>
    public required string DatasetClassName { get; init; }

    /// <summary>The generated class, <c>global::</c>-qualified.</summary>
    public required string DatasetClassFullName { get; init; }

    /// <summary>Whether the row type is public (the generated class is then public, else internal).</summary>
    public required bool IsPublic { get; init; }

    /// <summary>The logical name from <c>[Dataset("name")]</c>.</summary>
    public required string DatasetName { get; init; }

    public string? Source { get; init; }

    public char Delimiter { get; init; } = ',';

    public string? TimestampMember { get; init; }

    public required string LabelMember { get; init; }

    public required ValueKind LabelKind { get; init; }

    public required bool LabelIsNullable { get; init; }

    public required EquatableArray<ColumnSpec> Columns { get; init; }

    /// <summary>SHA-256 of the normalized schema.</summary>
    public required string SchemaHash { get; init; }
}
