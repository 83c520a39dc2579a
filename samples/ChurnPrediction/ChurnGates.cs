using PipelineDsl;

namespace ChurnPrediction;

/// <summary>
/// A model reaches the registry only when every rule passes on the stratified 20% holdout. Debian's
/// scikit-learn HistGradientBoosting reaches AUC 0.928 on the same split, so 0.90 is the bar.
/// </summary>
[Gate(typeof(ChurnModel))]
[MinMetric(Metric.Auc, 0.90)]
[MinMetric(Metric.Recall, 0.60)]
public sealed partial class ChurnGates;
