using PipelineDsl;

namespace ChicagoRidership;

/// <summary>The whole sample network's entries on one day and those of its busiest stations: other stations' values, joined a day late.</summary>
[Dataset("network", Source = "data/network.csv", Timestamp = nameof(Date))]
public sealed partial record NetworkDay
{
    public DateTime Date { get; init; }

    public float Total { get; init; }

    public float ClarkLake { get; init; }

    public float QuincyWells { get; init; }

    public float WashingtonWells { get; init; }
}
