namespace PipelineDsl.Generators.Model;

/// <summary>One <c>[Window]</c> attribute of a feature set, with its durations parsed to ticks.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="Helpers.EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record WindowDeclSpec(string Name, string Member, string Aggregate, long DurationTicks, int Events, long LagTicks)
{
    /// <summary>Whether the aggregate reads the member as a number (sum, mean, min, max, last).</summary>
    public bool IsNumeric => Aggregate is "Sum" or "Mean" or "Min" or "Max" or "Last";

    /// <summary>Whether the aggregate counts the member's distinct values.</summary>
    public bool IsCategorical => Aggregate == "DistinctCount";
}

/// <summary>One <c>[AsOfJoin]</c> attribute of a feature set.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal, so the incremental pipeline can cache it. It must never hold
/// an <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>.
/// </remarks>
/// <param name="RowTypeFullName">The joined row type, <c>global::</c>-qualified.</param>
/// <param name="RowTypeName">The joined row type's simple name (for messages and parameter names).</param>
/// <param name="On">The left member matched against the joined key; null for the default.</param>
/// <param name="LagTicks">Lag in ticks.</param>
/// <param name="ToleranceTicks">Tolerance in ticks; <see cref="long.MaxValue"/> for none.</param>
internal sealed record JoinDeclSpec(string RowTypeFullName, string RowTypeName, string? On, long LagTicks, long ToleranceTicks);

/// <summary>
/// Where a feature set's window and join attributes are, for diagnostics found after the join with the datasets
/// (kept out of <see cref="FeatureSetSpec"/> so that moving text does not invalidate the emitted source).
/// </summary>
/// <remarks>Pipeline model: immutable and structurally equal; no symbols, nodes or compilations.</remarks>
internal sealed record FeatureSetCheckSpec(
    string FullName,
    string TypeName,
    LocationInfo? ClassLocation,
    Helpers.EquatableArray<LocationInfo> WindowLocations,
    Helpers.EquatableArray<LocationInfo> JoinLocations);
