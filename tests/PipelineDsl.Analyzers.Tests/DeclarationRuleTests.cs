using System.Globalization;
using PipelineDsl.Analyzers.Tests.Infrastructure;

namespace PipelineDsl.Analyzers.Tests;

/// <summary>PDSL005, PDSL215, PDSL216 and PDSL217: rules over declarations (windows, gates, pipelines), a positive and a negative each.</summary>
public sealed class DeclarationRuleTests
{
    private const string Orders = """
        namespace Corpus;

        [Dataset("orders", Timestamp = nameof(PlacedAt))]
        public sealed partial record Order
        {
            [Key] public string Customer { get; init; } = "";
            public DateTime PlacedAt { get; init; }
            public float Amount { get; init; }
            [NotAvailableAtPrediction] public float RefundAmount { get; init; }
            [Label] public bool Churned { get; init; }
        }
        """;

    private static Microsoft.CodeAnalysis.Diagnostic[] Verify(string source) =>
        AnalyzerTestHelper.Verify("namespace Corpus;\n" + source, ("Orders.cs", Orders), (TestDatasets.Path, TestDatasets.Source)).ToArray();

    [Fact]
    public void PDSL005_window_over_a_late_member_without_lag()
    {
        var diagnostics = Verify("""
            [FeatureSet(typeof(Order))]
            [{|PDSL005:Window("Refunds90d", nameof(Order.RefundAmount), Aggregate.Sum, "90d")|}]
            public static partial class OrderFeatures
            {
                [Feature] public static float Amount(Order o) => o.Amount;
            }
            """);

        Assert.Equal(
            "Window 'Refunds90d' aggregates 'RefundAmount', which is not available at prediction time, with no Lag; declare how late it is known (Lag = \"...\")",
            diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void PDSL005_negative_with_a_lag_a_count_or_an_available_member()
    {
        Verify("""
            [FeatureSet(typeof(Order))]
            [Window("Refunds90d", nameof(Order.RefundAmount), Aggregate.Sum, "90d", Lag = "30d")]
            [Window("Orders90d", nameof(Order.RefundAmount), Aggregate.Count, "90d")]
            [Window("Amount90d", nameof(Order.Amount), Aggregate.Mean, "90d")]
            public static partial class OrderFeatures
            {
                [Feature] public static float Amount(Order o) => o.Amount;
            }
            """);
    }

    [Fact]
    public void PDSL215_gate_metric_of_the_other_task()
    {
        var diagnostics = Verify("""
            [FeatureSet(typeof(House))]
            public static partial class HouseFeatures
            {
                [Feature] public static float Area(House h) => h.GrLivArea;
            }

            [Model(typeof(HouseFeatures), Task = MlTask.Regression)]
            public sealed partial class HouseModel;

            [Gate(typeof(HouseModel))]
            [{|PDSL215:MinMetric(Metric.Auc, 0.9)|}]
            [MinMetric(Metric.R2, 0.8)]
            public sealed partial class HouseGates;

            [Model(typeof(ChurnFeatures))]
            public sealed partial class ChurnModel;

            [FeatureSet(typeof(Customer))]
            public static partial class ChurnFeatures
            {
                [Feature] public static float Minutes(Customer c) => c.DayMinutes;
            }

            [Gate(typeof(ChurnModel))]
            [{|PDSL215:MaxMetric(Metric.Rmse, 0.5)|}]
            public sealed partial class ChurnGates;
            """);

        Assert.Equal("Gate 'HouseGates' requires AUC, which a regression model does not produce (it produces RMSE, MAE, R2, p99 latency)", diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(
            "Gate 'ChurnGates' requires RMSE, which a binary classification model does not produce (it produces AUC, F1, precision, recall, log-loss, accuracy, calibration error, p99 latency)",
            diagnostics[1].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void PDSL216_worst_fold_rule_without_a_backtest_and_its_negatives()
    {
        var diagnostics = Verify("""
            [FeatureSet(typeof(StationDay))]
            public static partial class RideFeatures
            {
                [Feature] public static float Day(StationDay d) => (float)d.Date.DayOfWeek;
            }

            [Model(typeof(RideFeatures), Task = MlTask.Regression)]
            public sealed partial class RideModel;

            [Model(typeof(RideFeatures), Task = MlTask.Regression)]
            public sealed partial class BacktestedModel;

            [Model(typeof(RideFeatures), Task = MlTask.Regression)]
            public sealed partial class UnusedModel;

            [Gate(typeof(RideModel))]
            [{|PDSL216:MinMetric(Metric.R2, 0.9, WorstFold = true)|}]
            [MinMetric(Metric.R2, 0.9)]
            public sealed partial class RideGates;

            [Gate(typeof(BacktestedModel))]
            [MinMetric(Metric.R2, 0.9, WorstFold = true)]
            public sealed partial class BacktestedGates;

            [Gate(typeof(UnusedModel))]
            [MinMetric(Metric.R2, 0.9, WorstFold = true)]
            public sealed partial class UnusedGates;

            [Pipeline("rides", typeof(RideModel), Split = SplitStrategy.Time)]
            public static partial class RidePipeline;

            [Pipeline("rides-backtested", typeof(BacktestedModel), Split = SplitStrategy.Time, BacktestFolds = 4)]
            public static partial class BacktestedPipeline;
            """);

        Assert.Equal("Gate 'RideGates' requires the worst backtest fold, but no pipeline of model 'RideModel' declares BacktestFolds", diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void PDSL215_fairness_calibration_and_slices_on_a_regression_model()
    {
        Verify("""
            [FeatureSet(typeof(House))]
            public static partial class HouseFeatures
            {
                [Feature] public static float Area(House h) => h.GrLivArea;
            }

            [Model(typeof(HouseFeatures), Task = MlTask.Regression)]
            public sealed partial class HouseModel;

            [Gate(typeof(HouseModel))]
            [{|PDSL215:FairnessGate(nameof(House.Neighborhood), FairnessCriterion.DemographicParity, 0.1)|}]
            [{|PDSL215:MaxMetric(Metric.CalibrationError, 0.05)|}]
            [{|PDSL215:SliceGate(nameof(House.Neighborhood), Metric.Recall, 0.5)|}]
            [{|PDSL215:NoRegression(Metric.Auc)|}]
            [MaxMetric(Metric.P99LatencyMs, 5)]
            [SliceGate(nameof(House.Neighborhood), Metric.Mae, 30000)]
            [NoRegression(Metric.R2, Tolerance = 0.01)]
            public sealed partial class HouseGates;
            """);
    }

    [Fact]
    public void PDSL217_slice_or_fairness_member_not_in_the_dataset()
    {
        Verify("""
            [FeatureSet(typeof(Customer))]
            public static partial class ChurnFeatures
            {
                [Feature] public static float Minutes(Customer c) => c.DayMinutes;
            }

            [Model(typeof(ChurnFeatures))]
            public sealed partial class ChurnModel;

            [Gate(typeof(ChurnModel))]
            [{|PDSL217:SliceGate("Sate", Metric.Recall, 0.5)|}]
            [{|PDSL217:FairnessGate("Gender", FairnessCriterion.EqualizedOdds, 0.1)|}]
            [SliceGate(nameof(Customer.State), Metric.Recall, 0.5)]
            [FairnessGate(nameof(Customer.Plan), FairnessCriterion.DemographicParity, 0.1, MinRows = 50)]
            [MaxMetric(Metric.CalibrationError, 0.05)]
            [NoRegression(Metric.Auc, Tolerance = 0.01)]
            public sealed partial class ChurnGates;
            """);
    }
}
