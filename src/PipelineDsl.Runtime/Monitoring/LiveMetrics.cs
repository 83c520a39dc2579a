namespace PipelineDsl.Runtime.Monitoring;

/// <summary>
/// A metric over predictions whose outcomes arrived later: AUC (ties grouped, as in the model card), accuracy, precision,
/// recall and F1 at a 0.5 probability threshold, log loss, RMSE, MAE and R². Null when it cannot be computed (AUC with
/// one class only).
/// </summary>
public static class LiveMetrics
{
    /// <summary>The value of <paramref name="metric"/> over (prediction, label) pairs.</summary>
    public static double? Compute(Metric metric, ReadOnlySpan<double> predictions, ReadOnlySpan<double> labels)
    {
        if (predictions.Length == 0 || predictions.Length != labels.Length)
        {
            return null;
        }

        return metric switch
        {
            Metric.Auc => Auc(predictions, labels),
            Metric.Accuracy or Metric.Precision or Metric.Recall or Metric.F1 => Classification(metric, predictions, labels),
            Metric.LogLoss => LogLoss(predictions, labels),
            Metric.Rmse => Math.Sqrt(Mean(predictions, labels, (p, y) => (p - y) * (p - y))),
            Metric.Mae => Mean(predictions, labels, (p, y) => Math.Abs(p - y)),
            Metric.R2 => R2(predictions, labels),
            _ => null,
        };
    }

    /// <summary>The area under the ROC curve as the model card computes it (<see cref="Reports.RocCurve"/>); null with one class only.</summary>
    private static double? Auc(ReadOnlySpan<double> predictions, ReadOnlySpan<double> labels)
    {
        var scores = new float[predictions.Length];
        var positive = new bool[labels.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = (float)predictions[i];
            positive[i] = labels[i] > 0.5;
        }

        var auc = Reports.RocCurve.AreaUnder(scores, positive);
        return double.IsNaN(auc) ? null : auc;
    }

    private static double? Classification(Metric metric, ReadOnlySpan<double> predictions, ReadOnlySpan<double> labels)
    {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < predictions.Length; i++)
        {
            var predicted = predictions[i] >= 0.5;
            var actual = labels[i] > 0.5;
            if (predicted && actual) tp++;
            else if (predicted) fp++;
            else if (actual) fn++;
            else tn++;
        }

        double? Ratio(long a, long b) => b == 0 ? null : (double)a / b;
        var precision = Ratio(tp, tp + fp);
        var recall = Ratio(tp, tp + fn);
        return metric switch
        {
            Metric.Accuracy => Ratio(tp + tn, predictions.Length),
            Metric.Precision => precision,
            Metric.Recall => recall,
            _ => precision is { } p && recall is { } r && p + r > 0 ? 2 * p * r / (p + r) : null,
        };
    }

    private static double LogLoss(ReadOnlySpan<double> predictions, ReadOnlySpan<double> labels) =>
        Mean(predictions, labels, (p, y) =>
        {
            var q = Math.Clamp(p, 1e-15, 1 - 1e-15);
            return y > 0.5 ? -Math.Log(q) : -Math.Log(1 - q);
        });

    private static double? R2(ReadOnlySpan<double> predictions, ReadOnlySpan<double> labels)
    {
        var mean = 0.0;
        foreach (var y in labels)
        {
            mean += y;
        }

        mean /= labels.Length;
        double residual = 0, total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            residual += (labels[i] - predictions[i]) * (labels[i] - predictions[i]);
            total += (labels[i] - mean) * (labels[i] - mean);
        }

        return total == 0 ? null : 1 - (residual / total);
    }

    private static double Mean(ReadOnlySpan<double> predictions, ReadOnlySpan<double> labels, Func<double, double, double> loss)
    {
        var sum = 0.0;
        for (var i = 0; i < predictions.Length; i++)
        {
            sum += loss(predictions[i], labels[i]);
        }

        return sum / predictions.Length;
    }
}
