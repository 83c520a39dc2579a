using PipelineDsl;

namespace ChicagoRidership;

/// <summary>
/// Promotion rules, on the holdout after the cut-off and on the worst of the four backtest folds. The bar is the
/// seasonal naive forecast (the same weekday last week), which scores R2 0.929 and MAE 0.375 on this holdout: a model
/// must clearly beat it everywhere.
/// </summary>
[Gate(typeof(RidershipModel))]
[MinMetric(Metric.R2, 0.95)]
[MaxMetric(Metric.Mae, 0.3)]
[MinMetric(Metric.R2, 0.95, WorstFold = true)]
public sealed partial class RidershipGates;
