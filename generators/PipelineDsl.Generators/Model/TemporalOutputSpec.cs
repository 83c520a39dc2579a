using PipelineDsl.Generators.Helpers;

namespace PipelineDsl.Generators.Model;

/// <summary>A point-in-time feature set resolved against its datasets: what the emitter needs.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record TemporalOutputSpec
{
    /// <summary>The dataset's timestamp member.</summary>
    public required string TimestampMember { get; init; }

    /// <summary>The entity key member (windows only); null without windows.</summary>
    public string? KeyMember { get; init; }

    public ValueKind KeyKind { get; init; }

    /// <summary>The members read as numbers, one slot each.</summary>
    public required EquatableArray<SlotSpec> NumericSlots { get; init; }

    /// <summary>The members counted distinctly, one slot each.</summary>
    public required EquatableArray<SlotSpec> CategoricalSlots { get; init; }

    /// <summary>The windows, in feature order, with their slot.</summary>
    public required EquatableArray<WindowOutputSpec> Windows { get; init; }

    public required EquatableArray<JoinOutputSpec> Joins { get; init; }
}

/// <summary>A member copied into an event slot.</summary>
internal sealed record SlotSpec(string Member, ValueKind Kind, bool IsNullable);

/// <summary>A window with its slot index (numeric or categorical, by aggregate; 0 for count).</summary>
internal sealed record WindowOutputSpec(WindowDeclSpec Window, int Slot);

/// <summary>An as-of join resolved against both datasets.</summary>
/// <param name="DatasetName">The joined dataset's logical name.</param>
/// <param name="DatasetClassFullName">Its generated <c>{Row}Dataset</c> class.</param>
/// <param name="RowTypeFullName">Its row type.</param>
/// <param name="RightKeyMember">Its key member; null for a join on time alone.</param>
/// <param name="LeftKeyMember">The feature set's dataset member matched to it; null for a join on time alone.</param>
/// <param name="KeyKind">The key's kind.</param>
/// <param name="RightTimestampMember">Its timestamp member.</param>
/// <param name="LagTicks">Lag in ticks.</param>
/// <param name="ToleranceTicks">Tolerance in ticks; <see cref="long.MaxValue"/> for none.</param>
internal sealed record JoinOutputSpec(
    string DatasetName,
    string DatasetClassFullName,
    string RowTypeFullName,
    string? RightKeyMember,
    string? LeftKeyMember,
    ValueKind KeyKind,
    string RightTimestampMember,
    long LagTicks,
    long ToleranceTicks);
