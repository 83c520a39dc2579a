using PipelineDsl.Generators.Helpers;

namespace PipelineDsl.Generators.Model;

/// <summary>A <c>[Gate]</c> partial class and its metric rules, in declaration order.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record GateSpec
{
    public required string Namespace { get; init; }

    public required string TypeName { get; init; }

    public required string TypeKeyword { get; init; }

    public required string FullName { get; init; }

    public required string ModelFullName { get; init; }

    public required EquatableArray<GateRuleSpec> Rules { get; init; }
}

/// <summary>One rule: <c>[MinMetric]</c>/<c>[MaxMetric]</c>, <c>[NoRegression]</c>, <c>[SliceGate]</c> or <c>[FairnessGate]</c>.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record GateRuleSpec(
    string Metric,
    bool AtLeast,
    double Threshold,
    bool WorstFold = false,
    string Kind = "Threshold",
    string? Member = null,
    int MinRows = 30,
    string? Criterion = null);
