using PipelineDsl.Generators.Helpers;

namespace PipelineDsl.Generators.Model;

/// <summary>A <c>[Pipeline]</c> static partial class, parsed from its own declaration only.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record PipelineSpec
{
    public required string Namespace { get; init; }

    public required string TypeName { get; init; }

    public required string FullName { get; init; }

    public required string PipelineName { get; init; }

    public required string ModelFullName { get; init; }

    /// <summary>The <c>SplitStrategy</c> member name, e.g. <c>Stratified</c>.</summary>
    public required string Split { get; init; }

    public required double HoldoutFraction { get; init; }

    public required int Seed { get; init; }

    /// <summary>The time split's cut-off, as ticks of a UTC-unspecified <c>DateTime</c>; null for a fraction.</summary>
    public long? TimeCutoffTicks { get; init; }

    /// <summary>Rolling-origin backtest folds; 0 for none.</summary>
    public int BacktestFolds { get; init; }
}

/// <summary>What the joined PDSL214 check needs: a pipeline that evaluates over time, and where to report.</summary>
/// <remarks>Pipeline model: immutable and structurally equal; no symbols, nodes or compilations.</remarks>
internal sealed record PipelineCheckSpec(string PipelineName, string ModelFullName, LocationInfo Location);

/// <summary>
/// A pipeline joined with the specs it references (after <c>Collect</c>), with its DAG computed at
/// generation time. Exists only when every referenced declaration is valid.
/// </summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record PipelineOutputSpec
{
    public required PipelineSpec Pipeline { get; init; }

    public required string RowTypeFullName { get; init; }

    public required string DatasetClassFullName { get; init; }

    public required string DatasetName { get; init; }

    public required string FeatureSetFullName { get; init; }

    /// <summary>The datasets the feature set joins as of each row's time, in join order.</summary>
    public EquatableArray<string> JoinedDatasetNames { get; init; } = EquatableArray<string>.Empty;

    public required string ModelFullName { get; init; }

    /// <summary>The <c>[Gate]</c> classes for the model, in ordinal order of their full names.</summary>
    public required EquatableArray<string> GateClassFullNames { get; init; }

    /// <summary>The model's valid <c>[Deployment]</c>s, in ordinal order of their class names.</summary>
    public EquatableArray<DeploymentSpec> Deployments { get; init; } = EquatableArray<DeploymentSpec>.Empty;

    /// <summary>The model's <c>[Monitor]</c>, when it has exactly one and it is valid; else null.</summary>
    public MonitorSpec? Monitor { get; init; }

    public required EquatableArray<GraphNodeSpec> Nodes { get; init; }

    public required EquatableArray<GraphEdgeSpec> Edges { get; init; }

    public required EquatableArray<string> TopologicalOrder { get; init; }
}

/// <summary>One DAG node: id <c>kind:subject</c>, its <c>NodeKind</c> member name and subject.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record GraphNodeSpec(string Id, string Kind, string Subject);

/// <summary>One DAG edge.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record GraphEdgeSpec(string From, string To);
