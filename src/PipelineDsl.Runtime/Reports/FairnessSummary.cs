namespace PipelineDsl.Runtime.Reports;

/// <summary>The per-group rates and the differences across groups of one sensitive member, from the stored <c>fairness.*</c> metrics.</summary>
/// <param name="Member">The sensitive member.</param>
/// <param name="Groups">Each group's value and its rates (<c>rows</c>, <c>positive_rate</c>, <c>true_positive_rate</c>, <c>false_positive_rate</c>), by value.</param>
/// <param name="Differences">The differences across groups by name (<c>demographic_parity_difference</c>, <c>equalized_odds_difference</c>).</param>
internal sealed record FairnessSummary(string Member, IReadOnlyList<(string Value, IReadOnlyDictionary<string, double> Rates)> Groups, IReadOnlyDictionary<string, double> Differences);
