using System.Globalization;

namespace PipelineDsl.Runtime.Evaluation;

/// <summary>The outcome of one gate rule.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Value">The measured metric (NaN when the model's task cannot produce it).</param>
/// <param name="Passed">Whether the rule passed.</param>
/// <param name="Message">One line with the numbers, for example <c>auc &gt;= 0.9: 0.9312 (passed)</c>.</param>
public sealed record GateVerdict(GateRule Rule, double Value, bool Passed, string Message)
{
    /// <summary>Applies <paramref name="rule"/> to the metrics of a <paramref name="task"/> model.</summary>
    public static GateVerdict Evaluate(GateRule rule, IReadOnlyDictionary<string, double> metrics, MlTask task)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(metrics);
        var name = MetricNames.Of(rule.Metric);
        if (!metrics.TryGetValue(name, out var value))
        {
            return new GateVerdict(
                rule, double.NaN, false, $"{rule}: failed: a {task} model does not produce the metric '{name}'");
        }

        if (double.IsNaN(value))
        {
            return new GateVerdict(rule, value, false, $"{rule}: failed: '{name}' is undefined (NaN) on the holdout");
        }

        var passed = rule.IsSatisfiedBy(value);
        return new GateVerdict(
            rule, value, passed, $"{rule}: {value.ToString("0.####", CultureInfo.InvariantCulture)} ({(passed ? "passed" : "failed")})");
    }

    /// <summary>Applies every rule.</summary>
    public static IReadOnlyList<GateVerdict> EvaluateAll(IEnumerable<GateRule> rules, IReadOnlyDictionary<string, double> metrics, MlTask task) =>
        EvaluateAll(rules, metrics, task, []);

    /// <summary>Evaluates every rule: holdout rules on <paramref name="metrics"/>, worst-fold rules on <paramref name="folds"/>.</summary>
    /// <param name="rules">The rules.</param>
    /// <param name="metrics">The holdout metrics.</param>
    /// <param name="task">The model's task (for messages).</param>
    /// <param name="folds">Each backtest fold's metrics, in fold order; empty without a backtest.</param>
    public static IReadOnlyList<GateVerdict> EvaluateAll(
        IEnumerable<GateRule> rules, IReadOnlyDictionary<string, double> metrics, MlTask task, IReadOnlyList<IReadOnlyDictionary<string, double>> folds)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(folds);
        return rules.Select(rule => rule.WorstFold ? EvaluateWorstFold(rule, folds, task) : Evaluate(rule, metrics, task)).ToArray();
    }

    /// <summary>Evaluates a rule on the worst fold: the lowest value of a higher-is-better metric, the highest of an error.</summary>
    public static GateVerdict EvaluateWorstFold(GateRule rule, IReadOnlyList<IReadOnlyDictionary<string, double>> folds, MlTask task)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(folds);
        var name = MetricNames.Of(rule.Metric);
        if (folds.Count == 0)
        {
            return new GateVerdict(rule, double.NaN, false, $"{rule}: failed: the pipeline ran no backtest (declare BacktestFolds on it)");
        }

        var values = new List<(int Fold, double Value)>();
        for (var f = 0; f < folds.Count; f++)
        {
            if (!folds[f].TryGetValue(name, out var value))
            {
                return new GateVerdict(rule, double.NaN, false, $"{rule}: failed: a {task} model does not produce the metric '{name}'");
            }

            if (double.IsNaN(value))
            {
                return new GateVerdict(rule, value, false, $"{rule}: failed: '{name}' is undefined (NaN) on fold {f + 1}");
            }

            values.Add((f + 1, value));
        }

        var worst = MetricNames.HigherIsBetter(name) ? values.MinBy(v => v.Value) : values.MaxBy(v => v.Value);
        var passed = rule.IsSatisfiedBy(worst.Value);
        return new GateVerdict(
            rule,
            worst.Value,
            passed,
            $"{rule}: {worst.Value.ToString("0.####", CultureInfo.InvariantCulture)} on fold {worst.Fold} of {folds.Count} ({(passed ? "passed" : "failed")})");
    }
}
