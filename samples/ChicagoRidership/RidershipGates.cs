using PipelineDsl;

namespace ChicagoRidership;

/// <summary>Promotion rules: on the holdout after the cut-off, and on the worst of the four backtest folds.</summary>
[Gate(typeof(RidershipModel))]
[MinMetric(Metric.R2, 0.9)]
[MaxMetric(Metric.Mae, 0.5)]
[MinMetric(Metric.R2, 0.85, WorstFold = true)]
public sealed partial class RidershipGates;
