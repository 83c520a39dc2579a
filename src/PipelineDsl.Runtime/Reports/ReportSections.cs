using PipelineDsl.Runtime.Evaluation;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Runtime.Reports;

/// <summary>The sections the model card and the run report share: metrics, slices, fairness, gate verdicts, holdout plots and feature importance.</summary>
internal static class ReportSections
{
    /// <summary>The fairness rates, in table order, with their column headers.</summary>
    private static readonly (string Key, string Header)[] FairnessRates =
    [
        ("rows", "rows"),
        ("positive_rate", "positive rate"),
        ("true_positive_rate", "true positive rate"),
        ("false_positive_rate", "false positive rate"),
    ];

    /// <summary>The metrics that are not slice or fairness breakdowns: the task's headline metrics first, in their usual order, then the others by name.</summary>
    public static void Metrics(ReportDocument document, IReadOnlyDictionary<string, double> metrics, MlTask? task)
    {
        var headline = task is { } t ? ModelEvaluator.MetricsOf(t) : [];
        var rest = metrics.Keys
            .Where(k => !BreakdownMetrics.IsBreakdown(k) && !headline.Contains(k, StringComparer.Ordinal))
            .Order(StringComparer.Ordinal);
        var keys = headline.Where(metrics.ContainsKey).Concat(rest).ToArray();
        if (keys.Length == 0)
        {
            document.Paragraph(ReportInline.Plain("No metrics were recorded."));
            return;
        }

        document.Table(
            ["metric", "value"],
            keys.Select(k => (IReadOnlyList<ReportInline>)[ReportInline.Code(k), ReportFormat.Number(metrics[k])]),
            [false, true]);
    }

    /// <summary>The slice table (one row per member value, one column per metric), or nothing when no slice gate asked for one.</summary>
    public static bool Slices(ReportDocument document, IReadOnlyDictionary<string, double> metrics, MlTask? task)
    {
        var slices = BreakdownMetrics.Slices(metrics);
        if (slices.Count == 0)
        {
            return false;
        }

        var order = (task is { } t ? ModelEvaluator.MetricsOf(t) : []).ToList();
        var names = slices.SelectMany(s => s.Metrics.Keys).Where(k => k != "rows").Distinct(StringComparer.Ordinal)
            .OrderBy(k => order.IndexOf(k) is var i and >= 0 ? i : int.MaxValue).ThenBy(k => k, StringComparer.Ordinal)
            .ToArray();
        string[] headers = ["member", "value", "rows", .. names];
        document.Table(
            headers,
            slices.Select(s => (IReadOnlyList<ReportInline>)
            [
                ReportInline.Code(s.Member),
                ReportInline.Code(s.Value),
                ReportFormat.Number(s.Metrics.GetValueOrDefault("rows", double.NaN), "0"),
                .. names.Select(n => (ReportInline)ReportFormat.Number(s.Metrics.GetValueOrDefault(n, double.NaN))),
            ]),
            [false, false, .. Enumerable.Repeat(true, names.Length + 1)]);
        return true;
    }

    /// <summary>Per sensitive member: each group's rates, then the differences across groups; nothing when no fairness gate asked for them.</summary>
    public static bool Fairness(ReportDocument document, IReadOnlyDictionary<string, double> metrics)
    {
        var summaries = BreakdownMetrics.Fairness(metrics);
        foreach (var summary in summaries)
        {
            document.Heading(3, summary.Member);
            if (summary.Groups.Count > 0)
            {
                document.Table(
                    ["group", .. FairnessRates.Select(r => r.Header)],
                    summary.Groups.Select(g => (IReadOnlyList<ReportInline>)
                    [
                        ReportInline.Code(g.Value),
                        .. FairnessRates.Select(r => (ReportInline)ReportFormat.Number(g.Rates.GetValueOrDefault(r.Key, double.NaN), r.Key == "rows" ? "0" : "0.####")),
                    ]),
                    [false, .. Enumerable.Repeat(true, FairnessRates.Length)]);
            }

            if (summary.Differences.Count > 0)
            {
                document.Table(
                    ["difference across groups", "value"],
                    summary.Differences.OrderBy(d => d.Key, StringComparer.Ordinal)
                        .Select(d => (IReadOnlyList<ReportInline>)[ReportInline.Plain(d.Key.Replace('_', ' ')), ReportFormat.Number(d.Value)]),
                    [false, true]);
            }
        }

        return summaries.Count > 0;
    }

    /// <summary>The gate verdicts with their thresholds and measured values.</summary>
    public static void Gates(ReportDocument document, IReadOnlyList<GateResultRecord> gates)
    {
        if (gates.Count == 0)
        {
            document.Paragraph(ReportInline.Plain("No gate verdicts were recorded (the pipeline declares no gate, or the run stopped before its gate node)."));
            return;
        }

        var passed = gates.Count(g => g.Passed);
        document.Paragraph(
            passed == gates.Count ? ReportInline.Verdict(true) : ReportInline.Verdict(false),
            ReportInline.Plain($": {passed} of {gates.Count} rules passed."));
        document.Table(
            ["rule", "metric", "threshold", "value", "verdict"],
            gates.Select(g => (IReadOnlyList<ReportInline>)
            [
                ReportInline.Plain(g.Rule),
                ReportInline.Code(g.Metric),
                ReportFormat.Number(g.Threshold),
                ReportFormat.Number(g.Value),
                ReportInline.Verdict(g.Passed),
            ]),
            [false, false, true, true, false]);
    }

    /// <summary>
    /// The holdout plots of a replayed version (ROC, calibration and confusion matrix for binary classification;
    /// residuals and predicted against actual for regression), after a line that checks the replay against the
    /// registered metrics.
    /// </summary>
    public static void HoldoutPlots<TRow>(ReportDocument document, HoldoutReplay<TRow> replay, IReadOnlyDictionary<string, double> registered)
    {
        var subject = $"{replay.Version.Name} v{replay.Version.Version}";
        var replayed = replay.Evaluate();
        var headline = PermutationImportance.MetricOf(replay.Task);
        var now = replayed.GetValueOrDefault(headline, double.NaN);
        var then = registered.GetValueOrDefault(headline, double.NaN);
        var same = ReportFormat.Number(now, "0.000000") == ReportFormat.Number(then, "0.000000");
        document.Paragraph(
            ReportInline.Plain($"Rebuilt from the version's data snapshot, features and split: {ReportFormat.Count(replay.RowCount)} holdout rows, "),
            ReportInline.Code($"{headline} = {ReportFormat.Number(now)}"),
            ReportInline.Plain(" ("),
            same ? new ReportInline("the registered value", InlineKind.Good) : new ReportInline($"registered {ReportFormat.Number(then)}: the replay differs", InlineKind.Bad),
            ReportInline.Plain(")."));
        if (replay.Task == MlTask.BinaryClassification)
        {
            var classes = replay.Classes;
            var roc = $"ROC curve, {subject} holdout";
            document.Plot(SvgRocCurve.Render(replay.Predictions.Scores, classes, roc), roc);
            var ece = CalibrationError.Compute(replay.Predictions.Probabilities, classes);
            var calibration = $"Calibration, {subject} (ECE {ReportFormat.Number(ece, "0.0000")})";
            document.Plot(SvgCalibrationDiagram.Render(replay.Predictions.Probabilities, classes, calibration), calibration);
            var confusion = $"Confusion matrix, {subject} (threshold 0.5)";
            document.Plot(SvgConfusionMatrix.Render(replay.Predictions.Predicted, classes, confusion), confusion);
        }
        else
        {
            var residuals = $"Residuals, {subject} holdout";
            document.Plot(SvgResidualPlot.Render(replay.Predictions.Scores, replay.Labels, residuals), residuals);
            var scatter = $"Predicted vs actual, {subject} holdout";
            document.Plot(SvgPredictedVsActual.Render(replay.Predictions.Scores, replay.Labels, scatter), scatter);
        }
    }

    /// <summary>The permutation importance chart and table.</summary>
    public static void Importance(ReportDocument document, PermutationImportanceResult importance, string subject)
    {
        var metric = importance.Metric.ToUpperInvariant();
        document.Paragraph(ReportInline.Plain(
            $"How much the holdout {metric} ({ReportFormat.Number(importance.Baseline)}) drops when one feature's values are shuffled among the holdout rows, "
            + $"averaged over {importance.Repeats} seeded shuffles (plus or minus one standard deviation). Near zero: the model does not rely on the feature."));
        var title = $"Permutation importance, {subject} (drop in {metric})";
        document.Plot(
            SvgBarChart.Render(importance.Features.Select(f => new SvgBarChart.Bar(f.Feature, f.Importance, f.StdDev)).ToArray(), title, $"drop in holdout {metric}"),
            title);
        document.Table(
            ["feature", $"drop in {metric}", "std"],
            importance.Features
                .OrderByDescending(f => double.IsNaN(f.Importance) ? double.NegativeInfinity : f.Importance)
                .ThenBy(f => f.Feature, StringComparer.Ordinal)
                .Select(f => (IReadOnlyList<ReportInline>)[ReportInline.Code(f.Feature), ReportFormat.Number(f.Importance), ReportFormat.Number(f.StdDev)]),
            [false, true, true]);
    }
}
