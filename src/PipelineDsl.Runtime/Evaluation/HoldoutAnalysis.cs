using System.Diagnostics;
using Microsoft.ML;

namespace PipelineDsl.Runtime.Evaluation;

/// <summary>
/// Holdout metrics beyond the task's headline ones, stored with the run so that gates, model cards and reports read
/// them instead of recomputing: the calibration error (binary classification, always), per-slice metrics for each
/// member a slice gate names (<c>slice.{member}={value}.{metric}</c> and <c>.rows</c>), per-group rates and the
/// difference for each fairness gate (<c>fairness.{member}.demographic_parity_difference</c>...), and the p99 latency
/// of single-row prediction when a gate names it.
/// </summary>
public static class HoldoutAnalysis
{
    /// <summary>How many single-row predictions the latency probe times (after as many warm-up calls, at most).</summary>
    public const int LatencySamples = 2000;

    /// <summary>How many timed passes the latency probe makes; the lowest p99 counts.</summary>
    public const int LatencyPasses = 3;

    /// <summary>Computes the extra metrics.</summary>
    /// <param name="context">The ML.NET context of the model.</param>
    /// <param name="model">The candidate model.</param>
    /// <param name="view">A view over a subset of rows (with labels), by row index.</param>
    /// <param name="holdout">The holdout row indices.</param>
    /// <param name="rows">Every row of the dataset (indexed like <paramref name="holdout"/>).</param>
    /// <param name="labels">Every row's label.</param>
    /// <param name="task">The task.</param>
    /// <param name="rules">The pipeline's gate rules (which slices, groups and probes are needed).</param>
    /// <param name="predictOne">One in-process single-row prediction (features plus model), for the latency probe; null skips it.</param>
    public static Dictionary<string, double> Compute<TRow>(
        MLContext context,
        ITransformer model,
        Func<int[], IDataView> view,
        int[] holdout,
        TRow[] rows,
        float[] labels,
        MlTask task,
        IReadOnlyList<GateRule> rules,
        Action<TRow>? predictOne)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(rules);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var predictions = HoldoutPredictions.Score(model, view(holdout), task);
        if (task == MlTask.BinaryClassification)
        {
            metrics[MetricNames.Of(Metric.CalibrationError)] = CalibrationError.Compute(predictions.Probabilities, holdout.Select(i => labels[i] > 0.5f).ToArray());
        }

        foreach (var member in rules.Where(r => r.Kind == GateKind.Slice).Select(r => r.Member!).Distinct(StringComparer.Ordinal))
        {
            foreach (var (value, members) in Groups(rows, holdout, member))
            {
                var prefix = $"slice.{member}={value}.";
                metrics[prefix + "rows"] = members.Length;
                foreach (var (name, metric) in SliceMetrics(context, model, view(members), task))
                {
                    metrics[prefix + name] = metric;
                }
            }
        }

        foreach (var rule in rules.Where(r => r.Kind == GateKind.Fairness && task == MlTask.BinaryClassification))
        {
            AddFairness(metrics, rule, rows, holdout, labels, predictions);
        }

        if (predictOne is not null && rules.Any(r => r.Kind != GateKind.Fairness && r.Metric == Metric.P99LatencyMs))
        {
            metrics[MetricNames.Of(Metric.P99LatencyMs)] = P99LatencyMs(rows, holdout, predictOne);
        }

        return metrics;
    }

    /// <summary>The holdout rows grouped by the member's value, groups in ordinal order of the value.</summary>
    private static IEnumerable<(string Value, int[] Rows)> Groups<TRow>(TRow[] rows, int[] holdout, string member)
    {
        var text = MemberText<TRow>.For(member);
        return holdout.GroupBy(i => text(rows[i]), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.ToArray()));
    }

    /// <summary>The task's metrics on one slice; NaN where the slice cannot define them (one class only, too few rows).</summary>
    private static IEnumerable<(string Name, double Value)> SliceMetrics(MLContext context, ITransformer model, IDataView slice, MlTask task)
    {
        try
        {
            return ModelEvaluator.Evaluate(context, model, slice, task).Select(m => (m.Key, m.Value)).ToArray();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return ModelEvaluator.MetricsOf(task).Select(name => (name, double.NaN)).ToArray();
        }
    }

    private static void AddFairness<TRow>(Dictionary<string, double> metrics, GateRule rule, TRow[] rows, int[] holdout, float[] labels, HoldoutPredictions predictions)
    {
        var member = rule.Member!;
        var position = new Dictionary<int, int>(holdout.Length);
        for (var p = 0; p < holdout.Length; p++)
        {
            position[holdout[p]] = p;
        }

        var positiveRates = new List<double>();
        var truePositiveRates = new List<double>();
        var falsePositiveRates = new List<double>();
        foreach (var (value, members) in Groups(rows, holdout, member))
        {
            int positives = 0, predictedPositives = 0, truePositives = 0, falsePositives = 0;
            foreach (var row in members)
            {
                var predicted = predictions.Predicted[position[row]];
                var actual = labels[row] > 0.5f;
                predictedPositives += predicted ? 1 : 0;
                positives += actual ? 1 : 0;
                truePositives += predicted && actual ? 1 : 0;
                falsePositives += predicted && !actual ? 1 : 0;
            }

            var negatives = members.Length - positives;
            var prefix = $"fairness.{member}={value}.";
            metrics[prefix + "rows"] = members.Length;
            metrics[prefix + "positive_rate"] = (double)predictedPositives / members.Length;
            metrics[prefix + "true_positive_rate"] = positives == 0 ? double.NaN : (double)truePositives / positives;
            metrics[prefix + "false_positive_rate"] = negatives == 0 ? double.NaN : (double)falsePositives / negatives;
            if (members.Length >= rule.MinRows)
            {
                positiveRates.Add(metrics[prefix + "positive_rate"]);
                truePositiveRates.Add(metrics[prefix + "true_positive_rate"]);
                falsePositiveRates.Add(metrics[prefix + "false_positive_rate"]);
            }
        }

        static double Range(List<double> values) =>
            values.Count(v => !double.IsNaN(v)) < 2 ? double.NaN : values.Where(v => !double.IsNaN(v)).Max() - values.Where(v => !double.IsNaN(v)).Min();

        metrics[GateRule.FairnessMetricName(member, FairnessCriterion.DemographicParity)] = Range(positiveRates);
        metrics[GateRule.FairnessMetricName(member, FairnessCriterion.EqualizedOdds)] = Math.Max(Range(truePositiveRates), Range(falsePositiveRates));
    }

    /// <summary>
    /// The p99 of single-row predictions: a warm-up pass, then <see cref="LatencyPasses"/> timed passes over the same rows,
    /// keeping the lowest pass's p99 (the usual defence of a benchmark against a neighbour stealing the CPU: interference
    /// only ever adds time).
    /// </summary>
    private static double P99LatencyMs<TRow>(TRow[] rows, int[] holdout, Action<TRow> predictOne)
    {
        var samples = Math.Min(LatencySamples, holdout.Length);
        for (var i = 0; i < samples; i++)
        {
            predictOne(rows[holdout[i]]);
        }

        var best = double.PositiveInfinity;
        var elapsed = new double[samples];
        for (var pass = 0; pass < LatencyPasses; pass++)
        {
            for (var i = 0; i < samples; i++)
            {
                var start = Stopwatch.GetTimestamp();
                predictOne(rows[holdout[i]]);
                elapsed[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            Array.Sort(elapsed);
            best = Math.Min(best, elapsed[Math.Min(samples - 1, (int)Math.Ceiling(0.99 * samples) - 1)]);
        }

        return best;
    }
}
