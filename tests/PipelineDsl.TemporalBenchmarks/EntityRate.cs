using PipelineDsl;

namespace PipelineDsl.TemporalBenchmarks;

/// <summary>A rate that changes over time per entity (peer/generate_events.py: rates.csv), joined as of each event.</summary>
[Dataset("rates", Source = "rates.csv", Timestamp = nameof(Time))]
public sealed partial record EntityRate
{
    [Key] public string Entity { get; init; } = "";

    public DateTime Time { get; init; }

    public double Rate { get; init; }
}
