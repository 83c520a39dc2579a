namespace PipelineDsl.Runtime;

/// <summary>One promotion rule from a <see cref="GateAttribute"/> class.</summary>
/// <param name="Metric">The holdout metric.</param>
/// <param name="Comparison">Minimum or maximum.</param>
/// <param name="Threshold">The bound (inclusive).</param>
public sealed record GateRule(Metric Metric, GateComparison Comparison, double Threshold)
{
    /// <summary>Whether <paramref name="value"/> passes the rule; NaN never passes.</summary>
    public bool IsSatisfiedBy(double value) =>
        !double.IsNaN(value) && (Comparison == GateComparison.AtLeast ? value >= Threshold : value <= Threshold);

    /// <summary>Human-readable rule, for example <c>auc &gt;= 0.9</c>.</summary>
    public override string ToString() =>
        $"{MetricNames.Of(Metric)} {(Comparison == GateComparison.AtLeast ? ">=" : "<=")} {Threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
}
