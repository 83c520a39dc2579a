namespace PipelineDsl.Generators.Tests.Infrastructure;

/// <summary>DSL inputs shared by the tests, one file per declaration so edits can replace a single tree.</summary>
internal static class TestSources
{
    public const string ChurnDataset = """
        using System;
        using PipelineDsl;

        namespace ChurnSample;

        [Dataset("churn", Source = "data/churn.csv", Timestamp = nameof(EventTime))]
        public sealed partial record Customer
        {
            [Key, Column("phone_number")] public string Phone { get; init; } = "";
            public DateTime EventTime { get; init; }
            [Categories("yes", "no")] public string InternationalPlan { get; init; } = "";
            [Range(0, 400)] public float TotalDayMinutes { get; init; }
            [Range(0, 100), Required] public int? ServiceCalls { get; init; }
            public double? MonthlyCharge { get; init; }
            [Required] public string? Region { get; init; }
            [NotAvailableAtPrediction] public float TotalCharges { get; init; }
            public long AccountId { get; init; }
            [Label] public bool Churn { get; init; }
        }
        """;

    public const string ChurnFeatures = """
        using PipelineDsl;

        namespace ChurnSample;

        [FeatureSet(typeof(Customer))]
        public static partial class ChurnFeatures
        {
            [Feature] public static float DayMinutes(Customer c) => c.TotalDayMinutes;
            [Feature(Name = "intl_plan")] public static bool HasIntlPlan(Customer c) => c.InternationalPlan == "yes";
            [Feature] public static int Calls(Customer c) => c.ServiceCalls ?? 0;
            [Feature] public static double ChargeRatio(Customer c) => (c.MonthlyCharge ?? 0d) / 3d;
        }
        """;

    public const string ChurnModel = """
        using PipelineDsl;

        namespace ChurnSample;

        [Model(typeof(ChurnFeatures), Task = MlTask.BinaryClassification, Trainer = Trainer.LightGbm)]
        public sealed partial class ChurnModel
        {
            [Hyperparameter] public int Leaves { get; init; } = 31;
            [Hyperparameter] public double LearningRate { get; init; } = 0.05;
            [Hyperparameter] public float Regularization { get; init; } = 0.1f;
            [Hyperparameter] public bool UseBalancing { get; init; } = true;
            [Hyperparameter] public string Objective { get; init; } = "binary";
        }
        """;

    public const string ChurnGates = """
        using PipelineDsl;

        namespace ChurnSample;

        [Gate(typeof(ChurnModel))]
        [MinMetric(Metric.Auc, 0.85)]
        [MaxMetric(Metric.LogLoss, 0.4)]
        [NoRegression(Metric.Auc, Tolerance = 0.01)]
        [SliceGate(nameof(Customer.Region), Metric.Recall, 0.5, MinRows = 40)]
        [FairnessGate(nameof(Customer.InternationalPlan), FairnessCriterion.EqualizedOdds, 0.2)]
        [MaxMetric(Metric.CalibrationError, 0.05)]
        public sealed partial class ChurnGates;
        """;

    public const string ChurnPipeline = """
        using PipelineDsl;

        namespace ChurnSample;

        [Pipeline("churn", typeof(ChurnModel), Split = SplitStrategy.Stratified, HoldoutFraction = 0.25, Seed = 7)]
        public static partial class ChurnPipeline;
        """;

    public const string ChurnDeployments = """
        using PipelineDsl;

        namespace ChurnSample;

        [Deployment(typeof(ChurnModel), Name = "churn-live", Rollout = RolloutStrategy.Canary, CanarySteps = new[] { 5, 25, 50, 100 },
            EvaluationSeconds = 120, MinRequestsPerWindow = 200, MaxErrorRate = 0.02, MaxP99LatencyMs = 35.5, MaxPredictionShift = 0.1)]
        public sealed class ChurnCanary;

        [Deployment(typeof(ChurnModel), Rollout = RolloutStrategy.AbTest, ChallengerPercent = 20, AssignmentMember = nameof(Customer.AccountId))]
        public sealed class ChurnExperiment;
        """;

    public const string ChurnMonitor = """
        using PipelineDsl;

        namespace ChurnSample;

        [Monitor(typeof(ChurnModel), Window = "2 hours", MaxPsi = 0.25, MinKsPValue = 0.001, MaxJensenShannon = 0.3, MinChiSquarePValue = 0,
            MaxPredictionPsi = 0.15, MaxInvalidRate = 0.02, MaxStalenessHours = 6, DecayMetric = Metric.F1, MaxDecay = 0.03, MinLabelledRows = 300,
            OnDrift = MonitorAction.Log, OnQuality = MonitorAction.Retrain | MonitorAction.Rollback, OnDecay = MonitorAction.Retrain)]
        public sealed class ChurnMonitor;
        """;

    /// <summary>User code that calls the generated API; spans cannot cross reflection, so the test calls this.</summary>
    public const string ChurnHarness = """
        using System.Collections.Generic;
        using System.Text.Json;
        using PipelineDsl.Runtime.Data;

        namespace ChurnSample;

        public static class Harness
        {
            public static float[] Row(Customer row)
            {
                var destination = new float[ChurnFeatures.FeatureCount];
                ChurnFeatures.ComputeRow(row, destination);
                return destination;
            }

            public static float[] Batch(Customer[] rows)
            {
                var destination = new float[ChurnFeatures.FeatureCount * rows.Length];
                ChurnFeatures.ComputeBatch(rows, destination);
                return destination;
            }

            public static DataErrorReport Validate(Customer[] rows, int[] lines)
            {
                var errors = new DataErrorCollector("validate.csv");
                CustomerDataset.Instance.Validate(rows, lines, errors);
                return errors.ToReport();
            }

            /// <summary>Reads one request body as a server would: the reader on the first token, then TryReadJson.</summary>
            public static bool ReadJson(byte[] body, List<FieldError> errors, out Customer? row, out JsonTokenType last)
            {
                var reader = new Utf8JsonReader(body);
                reader.Read();
                var ok = CustomerDataset.Instance.TryReadJson(ref reader, errors, out var read);
                row = ok ? read : null;
                last = reader.TokenType;
                return ok;
            }
        }
        """;

    public static (string Path, string Source)[] Churn =>
    [
        ("Customer.cs", ChurnDataset),
        ("ChurnFeatures.cs", ChurnFeatures),
        ("ChurnModel.cs", ChurnModel),
        ("ChurnGates.cs", ChurnGates),
        ("ChurnPipeline.cs", ChurnPipeline),
    ];

    /// <summary>The churn declarations plus a canary and an A/B deployment of the model.</summary>
    public static (string Path, string Source)[] ChurnDeployed => [.. Churn, ("ChurnDeployments.cs", ChurnDeployments)];

    /// <summary>The deployed churn declarations plus a monitor of the model.</summary>
    public static (string Path, string Source)[] ChurnMonitored => [.. ChurnDeployed, ("ChurnMonitor.cs", ChurnMonitor)];

    public const string Regression = """
        using PipelineDsl;

        namespace HouseSample
        {
            [Dataset("ames", Source = "data/ames.csv", Delimiter = ';')]
            internal sealed partial record House
            {
                [Key] public long Id { get; init; }
                [Column("Gr_Liv_Area"), Range(0, 10_000)] public float GrLivArea { get; init; }
                public decimal LotPrice { get; init; }
                public bool? HasGarage { get; init; }
                [Label, Range(0, 1e7)] public double SalePrice { get; init; }
            }

            [FeatureSet(typeof(House))]
            internal static partial class HouseFeatures
            {
                /// <summary>Comments and doc comments do not change the code hash.</summary>
                [Feature] public static float LivingArea(House h) => h.GrLivArea;
                [Feature] public static double Price(House h) => (double)h.LotPrice;
                [Feature] public static long Id(House h) => h.Id;
                [Feature] public static bool Garage(House h) => h.HasGarage == true;
            }

            [Model(typeof(HouseFeatures), Task = MlTask.Regression, Trainer = Trainer.FastTree)]
            internal partial record HouseModel
            {
                [Hyperparameter] public long Iterations { get; init; } = 300L;
                [Hyperparameter] public double LearningRate { get; init; } = 1.0 / 3;
            }

            [Gate(typeof(HouseModel))]
            [MaxMetric(Metric.Rmse, 25_000.5)]
            internal partial class HouseGatesB
            {
            }

            [Gate(typeof(HouseModel))]
            [MinMetric(Metric.R2, 0.8)]
            internal partial class HouseGatesA
            {
            }

            [Pipeline("ames", typeof(HouseModel), Split = SplitStrategy.Random)]
            internal static partial class HousePipeline
            {
            }
        }
        """;
}
