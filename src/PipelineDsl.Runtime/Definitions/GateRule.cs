namespace PipelineDsl.Runtime;

/// <summary>One promotion rule from a <see cref="GateAttribute"/> class.</summary>
/// <param name="Metric">The holdout metric (for a fairness rule, ignored: see <see cref="Criterion"/>).</param>
/// <param name="Comparison">Minimum or maximum.</param>
/// <param name="Threshold">The bound (inclusive); for <see cref="GateKind.NoRegression"/>, the tolerance.</param>
/// <param name="WorstFold">Whether the rule applies to the worst backtest fold instead of the holdout.</param>
public sealed record GateRule(Metric Metric, GateComparison Comparison, double Threshold, bool WorstFold = false)
{
    /// <summary>What the rule judges (default: a metric against a bound).</summary>
    public GateKind Kind { get; init; } = GateKind.Threshold;

    /// <summary>The dataset member of a slice or fairness rule.</summary>
    public string? Member { get; init; }

    /// <summary>Slices or groups with fewer holdout rows are not judged (slice and fairness rules).</summary>
    public int MinRows { get; init; } = 30;

    /// <summary>The criterion of a fairness rule.</summary>
    public FairnessCriterion Criterion { get; init; }

    /// <summary>The name of the stored metric the rule reads (for a fairness rule, the difference it bounds).</summary>
    public string MetricName => Kind == GateKind.Fairness ? FairnessMetricName(Member ?? "", Criterion) : MetricNames.Of(Metric);

    /// <summary>Whether <paramref name="value"/> passes the rule; NaN never passes.</summary>
    public bool IsSatisfiedBy(double value) =>
        !double.IsNaN(value) && (Comparison == GateComparison.AtLeast ? value >= Threshold : value <= Threshold);

    /// <summary>The stored name of a fairness difference, e.g. <c>fairness.area_code.demographic_parity_difference</c>.</summary>
    public static string FairnessMetricName(string member, FairnessCriterion criterion) =>
        $"fairness.{member}.{(criterion == FairnessCriterion.DemographicParity ? "demographic_parity" : "equalized_odds")}_difference";

    /// <summary>Human-readable rule, for example <c>auc &gt;= 0.9</c> or <c>no regression of auc (tolerance 0.01)</c>.</summary>
    public override string ToString()
    {
        var threshold = Threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var bound = $"{(Comparison == GateComparison.AtLeast ? ">=" : "<=")} {threshold}";
        return Kind switch
        {
            GateKind.NoRegression => $"no regression of {MetricNames.Of(Metric)} against production (tolerance {threshold})",
            GateKind.Slice => $"{MetricNames.Of(Metric)} {bound} on every {Member} slice of {MinRows}+ rows",
            GateKind.Fairness => $"{(Criterion == FairnessCriterion.DemographicParity ? "demographic parity" : "equalized odds")} difference across {Member} <= {threshold}",
            _ => $"{(WorstFold ? "worst fold " : "")}{MetricNames.Of(Metric)} {bound}",
        };
    }
}
