using PipelineDsl.Generators.Helpers;

namespace PipelineDsl.Generators.Model;

/// <summary>One <c>[Feature]</c> method.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record FeatureSpec
{
    /// <summary>The feature's name: <c>[Feature(Name = ...)]</c>, else the method name.</summary>
    public required string Name { get; init; }

    public required string MethodName { get; init; }

    /// <summary>The method's return type (float, double, int, long or bool).</summary>
    public required ValueKind ReturnKind { get; init; }

    /// <summary>For each parameter after the row: the index of the as-of join whose row it receives.</summary>
    public EquatableArray<int> JoinArguments { get; init; } = EquatableArray<int>.Empty;

    /// <summary>SHA-256 of the method declaration's tokens joined by single spaces.</summary>
    public required string CodeHash { get; init; }
}
