namespace PipelineDsl.Runtime.Store;

/// <summary>One stored gate verdict.</summary>
/// <param name="Rule">The rule as text, for example <c>auc &gt;= 0.9</c>.</param>
/// <param name="Metric">The metric's stored name.</param>
/// <param name="Comparison"><c>AtLeast</c> or <c>AtMost</c>.</param>
/// <param name="Threshold">The bound.</param>
/// <param name="Value">The measured value (NaN when the task cannot produce the metric).</param>
/// <param name="Passed">Whether the rule passed.</param>
public sealed record GateResultRecord(string Rule, string Metric, string Comparison, double Threshold, double Value, bool Passed);
