using PipelineDsl;

namespace HousePrices;

/// <summary>Promotion rules on the 20% random holdout.</summary>
[Gate(typeof(HouseModel))]
[MinMetric(Metric.R2, 0.85)]
[MaxMetric(Metric.Mae, 20_000)]
public sealed partial class HouseGates;
