using PipelineDsl.Generators.Helpers;

namespace PipelineDsl.Generators.Model;

/// <summary>A <c>[FeatureSet]</c> static partial class, parsed from its own declaration only.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record FeatureSetSpec
{
    public required string Namespace { get; init; }

    public required string TypeName { get; init; }

    /// <summary>The feature set class, <c>global::</c>-qualified.</summary>
    public required string FullName { get; init; }

    /// <summary>The dataset row type, <c>global::</c>-qualified.</summary>
    public required string RowTypeFullName { get; init; }

    public required EquatableArray<FeatureSpec> Features { get; init; }

    /// <summary>The <c>[Window]</c> declarations, in attribute order (their features follow the methods' features).</summary>
    public EquatableArray<WindowDeclSpec> Windows { get; init; } = EquatableArray<WindowDeclSpec>.Empty;

    /// <summary>The <c>[AsOfJoin]</c> declarations, in attribute order.</summary>
    public EquatableArray<JoinDeclSpec> Joins { get; init; } = EquatableArray<JoinDeclSpec>.Empty;

    /// <summary>Whether any feature depends on other rows or datasets.</summary>
    public bool IsPointInTime => Windows.Count > 0 || Joins.Count > 0;

    /// <summary>SHA-256 over the ordered feature names and code hashes.</summary>
    public required string FeatureSetHash { get; init; }
}

/// <summary>A feature set joined with the logical name of its (valid) dataset: what the emitter needs.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record FeatureSetOutputSpec(FeatureSetSpec FeatureSet, string DatasetName)
{
    /// <summary>What a point-in-time feature set needs from its datasets; null for a set of row functions.</summary>
    public TemporalOutputSpec? Temporal { get; init; }
}
