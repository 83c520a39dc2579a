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
        rules.Select(rule => Evaluate(rule, metrics, task)).ToArray();
}
