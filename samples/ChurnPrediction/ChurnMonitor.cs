using PipelineDsl;

namespace ChurnPrediction;

/// <summary>
/// How the churn model is watched (<c>monitor</c>, <c>watch</c>): windows of 1,000 predictions compared with the
/// training profile. A feature drifts when its PSI passes 0.2, its Kolmogorov-Smirnov or chi-square p-value falls
/// below 1e-4, or its Jensen-Shannon distance passes 0.2: that alerts. When delayed labels show the live AUC 0.05
/// below the holdout AUC, the model is retrained, and the gates decide whether the new version replaces it.
/// </summary>
[Monitor(typeof(ChurnModel), Window = "1000 rows", MaxPsi = 0.2, MinKsPValue = 1e-4, MaxJensenShannon = 0.2, MinChiSquarePValue = 1e-4,
    MaxPredictionPsi = 0.2, MaxInvalidRate = 0.01, DecayMetric = Metric.Auc, MaxDecay = 0.05, MinLabelledRows = 200,
    OnDrift = MonitorAction.Alert, OnQuality = MonitorAction.Alert, OnDecay = MonitorAction.Retrain)]
public sealed partial class ChurnMonitor;
