namespace PipelineDsl.Runtime.Store;

/// <summary>One metric value of a run.</summary>
/// <param name="Key">The metric's stored name (see <see cref="MetricNames"/>).</param>
/// <param name="Value">The value (NaN when the metric is undefined).</param>
/// <param name="Step">The step (0 for final holdout metrics).</param>
public sealed record MetricRecord(string Key, double Value, int Step);
