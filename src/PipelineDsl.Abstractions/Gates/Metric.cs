namespace PipelineDsl;

/// <summary>Evaluation metrics computed on the holdout split.</summary>
public enum Metric
{
    /// <summary>Area under the ROC curve (binary classification).</summary>
    Auc = 0,
    /// <summary>F1 score at threshold 0.5 (binary classification).</summary>
    F1 = 1,
    /// <summary>Precision of the positive class (binary classification).</summary>
    Precision = 2,
    /// <summary>Recall of the positive class (binary classification).</summary>
    Recall = 3,
    /// <summary>Log-loss (binary classification; lower is better).</summary>
    LogLoss = 4,
    /// <summary>Accuracy (binary classification).</summary>
    Accuracy = 5,
    /// <summary>Root mean squared error (regression; lower is better).</summary>
    Rmse = 6,
    /// <summary>Mean absolute error (regression; lower is better).</summary>
    Mae = 7,
    /// <summary>Coefficient of determination (regression).</summary>
    R2 = 8,
    /// <summary>Expected calibration error of the predicted probabilities over 10 equal-width bins (binary classification; lower is better).</summary>
    CalibrationError = 9,
    /// <summary>
    /// 99th percentile, in milliseconds, of one in-process single-row prediction (the generated row function plus the
    /// model), measured on the candidate over holdout rows; measured only when a gate names it (lower is better).
    /// </summary>
    P99LatencyMs = 10,
}
