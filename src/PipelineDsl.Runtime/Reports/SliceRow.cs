namespace PipelineDsl.Runtime.Reports;

/// <summary>The holdout metrics of one slice (the rows whose member has one value), from the stored <c>slice.*</c> metrics.</summary>
/// <param name="Member">The dataset member the slice gate names.</param>
/// <param name="Value">The member's value (as text, invariant culture).</param>
/// <param name="Metrics">The slice's metrics by name, <c>rows</c> included.</param>
internal sealed record SliceRow(string Member, string Value, IReadOnlyDictionary<string, double> Metrics);
