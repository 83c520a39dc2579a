using PipelineDsl.Generators.Helpers;

namespace PipelineDsl.Generators.Model;

/// <summary>A <c>[Model]</c> partial class or record.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record ModelSpec
{
    public required string Namespace { get; init; }

    public required string TypeName { get; init; }

    /// <summary><c>class</c> or <c>record</c>, as the user declared it.</summary>
    public required string TypeKeyword { get; init; }

    public required string FullName { get; init; }

    public required string FeatureSetFullName { get; init; }

    public required string FeatureSetName { get; init; }

    /// <summary>The <c>MlTask</c> member name, e.g. <c>BinaryClassification</c>.</summary>
    public required string Task { get; init; }

    /// <summary>The <c>Trainer</c> member name, e.g. <c>LightGbm</c>.</summary>
    public required string Trainer { get; init; }

    public required EquatableArray<HyperparameterSpec> Hyperparameters { get; init; }

    /// <summary>SHA-256 of task, trainer, feature set and hyperparameters.</summary>
    public required string ConfigHash { get; init; }
}

/// <summary>
/// What the cross-declaration label/task check (PDSL207) needs from a model: kept apart from
/// <see cref="ModelSpec"/> because it carries a position, which changes on edits that do not change the
/// generated code.
/// </summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record ModelCheckSpec(string ModelName, string FeatureSetFullName, string Task, LocationInfo Location);
