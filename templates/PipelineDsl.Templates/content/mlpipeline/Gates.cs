using PipelineDsl;

namespace MlPipeline1;

#if (binary)
/// <summary>
/// A version can be promoted only when every rule passes on the 20% stratified holdout. On the bundled 1,500 rows
/// both trainers reach AUC 0.88 and recall 0.76; the bars below leave room for your own changes. Tighten them as
/// the model improves (see the PipelineDsl README for slice, fairness, calibration, latency and no-regression gates).
/// </summary>
[Gate(typeof(ChurnModel))]
[MinMetric(Metric.Auc, 0.80)]
[MinMetric(Metric.Recall, 0.50)]
public sealed partial class ChurnGates;
#else
/// <summary>
/// A version can be promoted only when every rule passes on the 20% random holdout. On the bundled 1,465 rows both
/// trainers reach R2 0.82 and MAE about 21,500 dollars; the bars below leave room for your own changes. Tighten them as the
/// model improves.
/// </summary>
[Gate(typeof(HouseModel))]
[MinMetric(Metric.R2, 0.75)]
[MaxMetric(Metric.Mae, 30_000)]
public sealed partial class HouseGates;
#endif
