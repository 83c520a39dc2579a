using PipelineDsl;

namespace ChicagoRidership;

/// <summary>One station's entries on one day (thousands). The entity is the station; the label is the day's riders.</summary>
[Dataset("station_days", Source = "data/station_days.csv", Timestamp = nameof(Date))]
public sealed partial record StationDay
{
    [Key] public string Station { get; init; } = "";

    public DateTime Date { get; init; }

    [Label, Range(0, 100)] public float Riders { get; init; }
}
