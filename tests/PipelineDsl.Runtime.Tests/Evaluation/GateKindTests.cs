using PipelineDsl.Runtime.Evaluation;

namespace PipelineDsl.Runtime.Tests.Evaluation;

/// <summary>No-regression, slice, fairness and calibration rules, judged on stored metrics with hand-made numbers.</summary>
public sealed class GateKindTests
{
    private static readonly GateRule NoAucRegression = new(Metric.Auc, GateComparison.AtLeast, 0.01) { Kind = GateKind.NoRegression };

    [Fact]
    public void No_regression_passes_without_a_champion_and_within_the_tolerance_and_fails_beyond_it()
    {
        var candidate = new Dictionary<string, double> { ["auc"] = 0.90, ["rmse"] = 10 };

        Assert.True(GateVerdict.EvaluateNoRegression(NoAucRegression, candidate, null).Passed);
        var within = GateVerdict.EvaluateNoRegression(NoAucRegression, candidate, (3, new Dictionary<string, double> { ["auc"] = 0.905 }));
        Assert.True(within.Passed, within.Message);
        Assert.Equal(-0.005, within.Value, 12);
        var beyond = GateVerdict.EvaluateNoRegression(NoAucRegression, candidate, (3, new Dictionary<string, double> { ["auc"] = 0.92 }));
        Assert.False(beyond.Passed);
        Assert.Contains("0.9 vs 0.92 of production v3", beyond.Message);

        // An error metric regresses upwards.
        var rmse = new GateRule(Metric.Rmse, GateComparison.AtMost, 0.5) { Kind = GateKind.NoRegression };
        Assert.True(GateVerdict.EvaluateNoRegression(rmse, candidate, (1, new Dictionary<string, double> { ["rmse"] = 9.6 })).Passed);
        Assert.False(GateVerdict.EvaluateNoRegression(rmse, candidate, (1, new Dictionary<string, double> { ["rmse"] = 9.4 })).Passed);
    }

    [Fact]
    public void Slice_rule_judges_every_slice_with_enough_rows_and_names_the_worst()
    {
        var rule = new GateRule(Metric.Recall, GateComparison.AtLeast, 0.5) { Kind = GateKind.Slice, Member = "Plan", MinRows = 30 };
        var metrics = new Dictionary<string, double>
        {
            ["slice.Plan=basic.rows"] = 200, ["slice.Plan=basic.recall"] = 0.8,
            ["slice.Plan=gold.rows"] = 40, ["slice.Plan=gold.recall"] = 0.55,
            ["slice.Plan=trial.rows"] = 5, ["slice.Plan=trial.recall"] = 0.0, // too small: reported, not judged
        };

        var verdict = GateVerdict.EvaluateSlices(rule, metrics, MlTask.BinaryClassification);

        Assert.True(verdict.Passed, verdict.Message);
        Assert.Equal(0.55, verdict.Value);
        Assert.Contains("worst Plan=gold 0.55; 2/2 slices pass, 1 too small or undefined", verdict.Message);

        metrics["slice.Plan=gold.recall"] = 0.45;
        Assert.False(GateVerdict.EvaluateSlices(rule, metrics, MlTask.BinaryClassification).Passed);
        var unknown = GateVerdict.EvaluateSlices(rule with { Member = "Region" }, metrics, MlTask.BinaryClassification);
        Assert.False(unknown.Passed);
        Assert.Contains("no slices of 'Region' were measured", unknown.Message);
    }

    [Fact]
    public void Fairness_rule_bounds_the_stored_difference_and_needs_binary_classification()
    {
        var rule = new GateRule(Metric.Auc, GateComparison.AtMost, 0.1) { Kind = GateKind.Fairness, Member = "Area", Criterion = FairnessCriterion.DemographicParity };
        Assert.Equal("fairness.Area.demographic_parity_difference", rule.MetricName);

        Assert.True(GateVerdict.EvaluateFairness(rule, new Dictionary<string, double> { [rule.MetricName] = 0.04 }, MlTask.BinaryClassification).Passed);
        Assert.False(GateVerdict.EvaluateFairness(rule, new Dictionary<string, double> { [rule.MetricName] = 0.2 }, MlTask.BinaryClassification).Passed);
        Assert.False(GateVerdict.EvaluateFairness(rule, new Dictionary<string, double> { [rule.MetricName] = double.NaN }, MlTask.BinaryClassification).Passed);
        Assert.False(GateVerdict.EvaluateFairness(rule, new Dictionary<string, double> { [rule.MetricName] = 0.0 }, MlTask.Regression).Passed);
    }

    [Fact]
    public void Expected_calibration_error_matches_a_hand_computation()
    {
        // Bin [0.1, 0.2): p = 0.1, 0.1 with 1 positive of 2: |0.1 - 0.5| = 0.4, weight 2.
        // Bin [0.9, 1.0]: p = 0.9, 0.9, 0.9, 1.0 with 4 positives of 4: |0.925 - 1| = 0.075, weight 4.
        float[] probabilities = [0.1f, 0.1f, 0.9f, 0.9f, 0.9f, 1.0f];
        bool[] labels = [true, false, true, true, true, true];

        var ece = CalibrationError.Compute(probabilities, labels);

        Assert.Equal(((2 * 0.4) + (4 * 0.075)) / 6, ece, 6);
        Assert.Equal(0, CalibrationError.Compute([0f, 1f], [false, true]), 12);
        Assert.True(double.IsNaN(CalibrationError.Compute([], [])));
    }

    [Fact]
    public void Rules_describe_themselves_with_their_numbers()
    {
        Assert.Equal("no regression of auc against production (tolerance 0.01)", NoAucRegression.ToString());
        Assert.Equal(
            "recall >= 0.5 on every Plan slice of 30+ rows",
            new GateRule(Metric.Recall, GateComparison.AtLeast, 0.5) { Kind = GateKind.Slice, Member = "Plan" }.ToString());
        Assert.Equal(
            "equalized odds difference across Area <= 0.1",
            new GateRule(Metric.Auc, GateComparison.AtMost, 0.1) { Kind = GateKind.Fairness, Member = "Area", Criterion = FairnessCriterion.EqualizedOdds }.ToString());
        Assert.Equal("p99_latency_ms <= 5", new GateRule(Metric.P99LatencyMs, GateComparison.AtMost, 5).ToString());
        Assert.False(MetricNames.HigherIsBetter("calibration_error"));
        Assert.False(MetricNames.HigherIsBetter("fairness.Area.equalized_odds_difference"));
        Assert.True(MetricNames.HigherIsBetter("slice.Plan=gold.recall"));
    }
}
