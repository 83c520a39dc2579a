namespace PipelineDsl.Runtime;

/// <summary>One promotion rule from a <see cref="GateAttribute"/> class.</summary>
/// <param name="Metric">The holdout metric.</param>
/// <param name="Comparison">Minimum or maximum.</param>
/// <param name="Threshold">The bound (inclusive).</param>
/// <param name="WorstFold">Whether the rule applies to the worst backtest fold instead of the holdout.</param>
public sealed record GateRule(Metric Metric, GateComparison Comparison, double Threshold, bool WorstFold = false)
{
    /// <summary>Whether <paramref name="value"/> passes the rule; NaN never passes.</summary>
    public bool IsSatisfiedBy(double value) =>
        !double.IsNaN(value) && (Comparison == GateComparison.AtLeast ? value >= Threshold : value <= Threshold);

    /// <summary>Human-readable rule, for example <c>auc &gt;= 0.9</c>.</summary>
    public override string ToString() =>
        $"{(WorstFold ? "worst fold " : "")}{MetricNames.Of(Metric)} {(Comparison == GateComparison.AtLeast ? ">=" : "<=")} {Threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
}
