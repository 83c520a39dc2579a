namespace PipelineDsl.Runtime.Execution;

/// <summary>What rebuilding a model version from its lineage gave.</summary>
/// <param name="Pipeline">The pipeline (model name).</param>
/// <param name="Version">The version rebuilt.</param>
/// <param name="Registered">The metrics stored with the version.</param>
/// <param name="Reproduced">The metrics of the rebuild.</param>
/// <param name="ModelIdentical">Whether the rebuilt model's bytes are identical (same SHA-256) to the version's.</param>
public sealed record ReproductionResult(
    string Pipeline,
    int Version,
    IReadOnlyDictionary<string, double> Registered,
    IReadOnlyDictionary<string, double> Reproduced,
    bool ModelIdentical)
{
    /// <summary>Metrics that time the machine, not the model (the latency probe): shown, never required to match.</summary>
    public static IReadOnlySet<string> TimingMetrics { get; } = new HashSet<string>(StringComparer.Ordinal) { MetricNames.Of(Metric.P99LatencyMs) };

    /// <summary>Each metric with both values, by name (a metric missing on one side has NaN there).</summary>
    public IReadOnlyList<(string Metric, double Registered, double Reproduced, bool Same)> Comparison =>
        Registered.Keys.Union(Reproduced.Keys).Order(StringComparer.Ordinal)
            .Select(key =>
            {
                var then = Registered.GetValueOrDefault(key, double.NaN);
                var now = Reproduced.GetValueOrDefault(key, double.NaN);
                return (key, then, now, then.Equals(now) && Registered.ContainsKey(key) && Reproduced.ContainsKey(key));
            })
            .ToArray();

    /// <summary>Whether every metric other than the <see cref="TimingMetrics"/> is exactly the same (bit for bit; NaN equals NaN).</summary>
    public bool MetricsMatch => Comparison.All(c => c.Same || TimingMetrics.Contains(c.Metric));
}
