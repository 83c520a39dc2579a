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

    /// <summary>
    /// Evaluates every rule: holdout rules on <paramref name="metrics"/> (which hold the slice and fairness metrics of
    /// <see cref="HoldoutAnalysis"/> too), worst-fold rules on <paramref name="folds"/>, no-regression rules against
    /// <paramref name="champion"/>.
    /// </summary>
    /// <param name="rules">The rules.</param>
    /// <param name="metrics">The holdout metrics.</param>
    /// <param name="task">The model's task (for messages).</param>
    /// <param name="folds">Each backtest fold's metrics, in fold order; empty without a backtest.</param>
    /// <param name="champion">The production version's holdout metrics and version number; null when nothing is in production.</param>
    public static IReadOnlyList<GateVerdict> EvaluateAll(
        IEnumerable<GateRule> rules,
        IReadOnlyDictionary<string, double> metrics,
        MlTask task,
        IReadOnlyList<IReadOnlyDictionary<string, double>> folds,
        (int Version, IReadOnlyDictionary<string, double> Metrics)? champion = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(folds);
        return rules.Select(rule => rule.Kind switch
        {
            GateKind.NoRegression => EvaluateNoRegression(rule, metrics, champion),
            GateKind.Slice => EvaluateSlices(rule, metrics, task),
            GateKind.Fairness => EvaluateFairness(rule, metrics, task),
            _ when rule.WorstFold => EvaluateWorstFold(rule, folds, task),
            _ => Evaluate(rule, metrics, task),
        }).ToArray();
    }

    /// <summary>The candidate against the champion: not worse by more than the tolerance. Passes with no champion.</summary>
    public static GateVerdict EvaluateNoRegression(GateRule rule, IReadOnlyDictionary<string, double> metrics, (int Version, IReadOnlyDictionary<string, double> Metrics)? champion)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var name = MetricNames.Of(rule.Metric);
        if (!metrics.TryGetValue(name, out var candidate) || double.IsNaN(candidate))
        {
            return new GateVerdict(rule, double.NaN, false, $"{rule}: failed: the candidate has no '{name}'");
        }

        if (champion is not { } production)
        {
            return new GateVerdict(rule, double.NaN, true, $"{rule}: no production version yet (passed)");
        }

        if (!production.Metrics.TryGetValue(name, out var best) || double.IsNaN(best))
        {
            return new GateVerdict(rule, double.NaN, true, $"{rule}: production v{production.Version} has no '{name}' to compare (passed)");
        }

        var higher = MetricNames.HigherIsBetter(name);
        var delta = candidate - best;
        var passed = higher ? candidate >= best - rule.Threshold : candidate <= best + rule.Threshold;
        return new GateVerdict(
            rule,
            delta,
            passed,
            $"{rule}: {Format(candidate)} vs {Format(best)} of production v{production.Version}, {(delta >= 0 ? "+" : "")}{Format(delta)} ({(passed ? "passed" : "failed")})");
    }

    /// <summary>Every slice with enough rows must meet the bound; the verdict's value is the worst judged slice's.</summary>
    public static GateVerdict EvaluateSlices(GateRule rule, IReadOnlyDictionary<string, double> metrics, MlTask task)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var name = MetricNames.Of(rule.Metric);
        var prefix = $"slice.{rule.Member}=";
        var slices = metrics.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.EndsWith(".rows", StringComparison.Ordinal))
            .Select(k => k[prefix.Length..^".rows".Length])
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (slices.Length == 0)
        {
            return new GateVerdict(rule, double.NaN, false, $"{rule}: failed: no slices of '{rule.Member}' were measured (is it a member of the dataset?)");
        }

        var judged = new List<(string Slice, double Value)>();
        var skipped = 0;
        foreach (var slice in slices)
        {
            var rows = metrics[$"{prefix}{slice}.rows"];
            if (!metrics.TryGetValue($"{prefix}{slice}.{name}", out var value))
            {
                return new GateVerdict(rule, double.NaN, false, $"{rule}: failed: a {task} model does not produce the metric '{name}'");
            }

            if (rows < rule.MinRows || double.IsNaN(value))
            {
                skipped++;
                continue;
            }

            judged.Add((slice, value));
        }

        if (judged.Count == 0)
        {
            return new GateVerdict(rule, double.NaN, false, $"{rule}: failed: none of the {slices.Length} slices has {rule.MinRows}+ rows and a defined {name}");
        }

        var worst = MetricNames.HigherIsBetter(name) ? judged.MinBy(j => j.Value) : judged.MaxBy(j => j.Value);
        var failing = judged.Count(j => !rule.IsSatisfiedBy(j.Value));
        var passed = failing == 0;
        return new GateVerdict(
            rule,
            worst.Value,
            passed,
            $"{rule}: worst {rule.Member}={worst.Slice} {Format(worst.Value)}; {judged.Count - failing}/{judged.Count} slices pass"
                + (skipped > 0 ? $", {skipped} too small or undefined" : string.Empty) + $" ({(passed ? "passed" : "failed")})");
    }

    /// <summary>The fairness difference across the groups with enough rows must be at most the bound.</summary>
    public static GateVerdict EvaluateFairness(GateRule rule, IReadOnlyDictionary<string, double> metrics, MlTask task)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (task != MlTask.BinaryClassification)
        {
            return new GateVerdict(rule, double.NaN, false, $"{rule}: failed: fairness rules need binary classification, not {task}");
        }

        if (!metrics.TryGetValue(rule.MetricName, out var difference))
        {
            return new GateVerdict(rule, double.NaN, false, $"{rule}: failed: '{rule.MetricName}' was not measured (is '{rule.Member}' a member of the dataset?)");
        }

        if (double.IsNaN(difference))
        {
            return new GateVerdict(rule, difference, false, $"{rule}: failed: fewer than two groups of '{rule.Member}' have {rule.MinRows}+ holdout rows");
        }

        var passed = rule.IsSatisfiedBy(difference);
        return new GateVerdict(rule, difference, passed, $"{rule}: {Format(difference)} ({(passed ? "passed" : "failed")})");
    }

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

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
