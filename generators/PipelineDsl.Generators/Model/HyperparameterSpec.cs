using PipelineDsl.Generators.Helpers;

namespace PipelineDsl.Generators.Model;

/// <summary>One <c>[Hyperparameter]</c> property of a model.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record HyperparameterSpec
{
    public required string Name { get; init; }

    /// <summary>int, long, float, double, bool or string.</summary>
    public required ValueKind Kind { get; init; }

    /// <summary>The initializer's tokens joined by single spaces; empty when there is none.</summary>
    public required string Initializer { get; init; }
}
