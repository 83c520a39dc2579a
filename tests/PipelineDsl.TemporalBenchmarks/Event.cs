using PipelineDsl;

namespace PipelineDsl.TemporalBenchmarks;

/// <summary>One event of an entity (peer/generate_events.py: events.csv).</summary>
[Dataset("events", Source = "events.csv", Timestamp = nameof(Time))]
public sealed partial record Event
{
    [Key] public string Entity { get; init; } = "";

    public DateTime Time { get; init; }

    public double Amount { get; init; }

    public string Category { get; init; } = "";
}
