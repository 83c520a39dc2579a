using Microsoft.ML;
using PipelineDsl.Runtime.Training;

namespace PipelineDsl.Runtime.Evaluation;

/// <summary>Holdout metrics through ML.NET's evaluators, under the names in <see cref="MetricNames"/>.</summary>
public static class ModelEvaluator
{
    /// <summary>The metric names a task produces.</summary>
    public static IReadOnlyList<string> MetricsOf(MlTask task) => task switch
    {
        MlTask.BinaryClassification =>
        [
            MetricNames.Of(Metric.Auc), MetricNames.Of(Metric.F1), MetricNames.Of(Metric.Precision),
            MetricNames.Of(Metric.Recall), MetricNames.Of(Metric.LogLoss), MetricNames.Of(Metric.Accuracy),
        ],
        MlTask.Regression => [MetricNames.Of(Metric.Rmse), MetricNames.Of(Metric.Mae), MetricNames.Of(Metric.R2)],
        _ => throw new NotSupportedException($"Task {task} is not supported."),
    };

    /// <summary>Scores <paramref name="holdout"/> (which must have a <c>Label</c> column) and computes the task's metrics.</summary>
    public static IReadOnlyDictionary<string, double> Evaluate(MLContext context, ITransformer model, IDataView holdout, MlTask task)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(holdout);
        var scored = model.Transform(holdout);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        switch (task)
        {
            case MlTask.BinaryClassification:
            {
                var m = context.BinaryClassification.Evaluate(scored, labelColumnName: FeatureMatrixColumns.Label);
                metrics[MetricNames.Of(Metric.Auc)] = m.AreaUnderRocCurve;
                metrics[MetricNames.Of(Metric.F1)] = m.F1Score;
                metrics[MetricNames.Of(Metric.Precision)] = m.PositivePrecision;
                metrics[MetricNames.Of(Metric.Recall)] = m.PositiveRecall;
                metrics[MetricNames.Of(Metric.LogLoss)] = m.LogLoss;
                metrics[MetricNames.Of(Metric.Accuracy)] = m.Accuracy;
                break;
            }

            case MlTask.Regression:
            {
                var m = context.Regression.Evaluate(scored, labelColumnName: FeatureMatrixColumns.Label);
                metrics[MetricNames.Of(Metric.Rmse)] = m.RootMeanSquaredError;
                metrics[MetricNames.Of(Metric.Mae)] = m.MeanAbsoluteError;
                metrics[MetricNames.Of(Metric.R2)] = m.RSquared;
                break;
            }

            default:
                throw new NotSupportedException($"Task {task} is not supported.");
        }

        return metrics;
    }

    /// <summary>A one-line summary such as <c>auc=0.9312 f1=0.8120 ...</c>.</summary>
    public static string Summarize(IReadOnlyDictionary<string, double> metrics) =>
        string.Join(' ', metrics.Select(kv => kv.Key + "=" + kv.Value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)));
}
