using PipelineDsl;

namespace PipelineDsl.TemporalBenchmarks;

/// <summary>The benchmark's features: the same ten windows and one as-of join as peer/pandas_peer.py.</summary>
[FeatureSet(typeof(Event))]
[Window("count_1d", nameof(Event.Amount), Aggregate.Count, "1d")]
[Window("sum_1d", nameof(Event.Amount), Aggregate.Sum, "1d")]
[Window("mean_7d", nameof(Event.Amount), Aggregate.Mean, "7d")]
[Window("min_7d", nameof(Event.Amount), Aggregate.Min, "7d")]
[Window("max_7d", nameof(Event.Amount), Aggregate.Max, "7d")]
[Window("mean_30d", nameof(Event.Amount), Aggregate.Mean, "30d")]
[Window("sum_30d", nameof(Event.Amount), Aggregate.Sum, "30d")]
[Window("count_30d", nameof(Event.Amount), Aggregate.Count, "30d")]
[Window("last", nameof(Event.Amount), Aggregate.Last, "1 events")]
[Window("distinct_category_30d", nameof(Event.Category), Aggregate.DistinctCount, "30d")]
[AsOfJoin(typeof(EntityRate))]
public static partial class EventFeatures
{
    [Feature(Name = "rate_asof")] public static double RateAsOf(Event e, EntityRate? rate) => rate?.Rate ?? double.NaN;
}
