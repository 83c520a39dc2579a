namespace PipelineDsl.Runtime;

/// <summary>The stable, lower-case names metrics are stored and printed under.</summary>
public static class MetricNames
{
    /// <summary>The stored name of <paramref name="metric"/> (<c>auc</c>, <c>f1</c>, <c>r2</c>, ...).</summary>
    public static string Of(Metric metric) => metric switch
    {
        Metric.Auc => "auc",
        Metric.F1 => "f1",
        Metric.Precision => "precision",
        Metric.Recall => "recall",
        Metric.LogLoss => "log_loss",
        Metric.Accuracy => "accuracy",
        Metric.Rmse => "rmse",
        Metric.Mae => "mae",
        Metric.R2 => "r2",
        Metric.CalibrationError => "calibration_error",
        Metric.P99LatencyMs => "p99_latency_ms",
        _ => metric.ToString().ToLowerInvariant(),
    };

    /// <summary>Whether a larger value of the metric is better (AUC, F1, R2...), as opposed to an error (RMSE, MAE, log-loss).</summary>
    public static bool HigherIsBetter(string metric)
    {
        var last = metric[(metric.LastIndexOf('.') + 1)..];
        return last is not ("rmse" or "mae" or "log_loss" or "calibration_error" or "p99_latency_ms") && !last.EndsWith("_difference", StringComparison.Ordinal);
    }
}
