using PipelineDsl.Generators.Helpers;

namespace PipelineDsl.Generators.Model;

/// <summary>One member of a <c>[Dataset]</c> row type, read from one CSV column.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record ColumnSpec
{
    /// <summary>The C# member name.</summary>
    public required string Member { get; init; }

    /// <summary>The CSV header: the <c>[Column]</c> value, else the member name.</summary>
    public required string Header { get; init; }

    /// <summary>The member's type without nullability.</summary>
    public required ValueKind Kind { get; init; }

    /// <summary>Whether the member is a nullable value type or an annotated <c>string?</c>.</summary>
    public required bool IsNullable { get; init; }

    public bool IsKey { get; init; }

    public bool IsLabel { get; init; }

    public bool IsTimestamp { get; init; }

    public bool IsNotAvailableAtPrediction { get; init; }

    public bool IsRequired { get; init; }

    /// <summary>Whether the member is declared with the C# <c>required</c> modifier (an object initializer must set it).</summary>
    public bool IsRequiredMember { get; init; }

    public bool HasRange { get; init; }

    public double Minimum { get; init; }

    public double Maximum { get; init; }

    /// <summary>The allowed values from <c>[Categories]</c>; empty when there is no such rule.</summary>
    public EquatableArray<string> Categories { get; init; } = EquatableArray<string>.Empty;
}
