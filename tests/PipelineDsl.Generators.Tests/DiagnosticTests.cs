using Microsoft.CodeAnalysis;
using PipelineDsl.Generators.Tests.Infrastructure;

namespace PipelineDsl.Generators.Tests;

/// <summary>
/// One positive test per diagnostic (exact ID, severity, message and position) and a negative test showing
/// that valid declarations produce none of them. Every test asserts the complete list of diagnostics.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Usings = "using System;\nusing PipelineDsl;\nnamespace T;\n";

    private const string ValidDataset = """
        [Dataset("d")]
        public sealed partial record Row
        {
            public float X { get; init; }
            [Label] public bool Y { get; init; }
        }
        """;

    private const string ValidFeatures = """
        [FeatureSet(typeof(Row))]
        public static partial class Features
        {
            [Feature] public static float X(Row r) => r.X;
        }
        """;

    private const string ValidModel = """
        [Model(typeof(Features))]
        public sealed partial class M
        {
            [Hyperparameter] public int Leaves { get; init; } = 31;
        }
        """;

    private const string ValidPipeline = """
        [Pipeline("p", typeof(M))]
        public static partial class P;
        """;

    private const string ValidGate = """

        [Gate(typeof(M))]
        [MinMetric(Metric.Auc, 0.8)]
        public sealed partial class G;
        """;

    private const string ValidMonitor = """

        [Monitor(typeof(M))]
        public sealed class Mon;
        """;

    public static readonly TheoryData<string> AllIds =
        ["PDSL201", "PDSL202", "PDSL203", "PDSL204", "PDSL205", "PDSL206", "PDSL207", "PDSL208", "PDSL209", "PDSL210", "PDSL211", "PDSL212", "PDSL213", "PDSL214", "PDSL218", "PDSL219", "PDSL220", "PDSL221", "PDSL222", "PDSL223"];

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Valid_declarations_produce_no_such_diagnostic(string id)
    {
        var churn = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(TestSources.Churn)).Driver.GetRunResult().Diagnostics;
        var regression = GeneratorTestHelper.GeneratorDiagnostics(TestSources.Regression);
        var small = GeneratorTestHelper.GeneratorDiagnostics(Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline);

        Assert.DoesNotContain(churn.Concat(regression).Concat(small), d => d.Id == id);
        Assert.Empty(small);
    }

    [Fact]
    public void PDSL201_feature_set_dataset_type_is_not_a_dataset()
    {
        var source = Usings + """
            public sealed record Row { public float X { get; init; } }

            [FeatureSet(typeof(Row))]
            public static partial class Features
            {
                [Feature] public static float X(Row r) => r.X;
            }
            """;

        AssertSingle(source, "PDSL201", DiagnosticSeverity.Error, "FeatureSet(typeof(Row))", "Feature set 'Features' uses dataset type 'T.Row', which is not marked [Dataset]");
    }

    [Fact]
    public void PDSL202_model_feature_set_type_is_not_a_feature_set()
    {
        var source = Usings + ValidDataset + """

            public static class Features { }

            [Model(typeof(Features))]
            public sealed partial class M { }
            """;

        AssertSingle(source, "PDSL202", DiagnosticSeverity.Error, "Model(typeof(Features))", "Model 'M' uses feature set type 'T.Features', which is not marked [FeatureSet]");
    }

    [Fact]
    public void PDSL203_gate_and_pipeline_model_type_is_not_a_model()
    {
        var source = Usings + """
            public sealed class NotAModel { }

            [Gate(typeof(NotAModel))]
            [MinMetric(Metric.Auc, 0.8)]
            public sealed partial class G;

            [Pipeline("p", typeof(NotAModel))]
            public static partial class P;
            """;

        var diagnostics = Sorted(GeneratorTestHelper.GeneratorDiagnostics(source));

        Assert.Equal(
            new[]
            {
                "PDSL203 Error @Gate(typeof(NotAModel)): Gate 'G' uses model type 'T.NotAModel', which is not marked [Model]",
                "PDSL203 Error @Pipeline(\"p\", typeof(NotAModel)): Pipeline 'P' uses model type 'T.NotAModel', which is not marked [Model]",
            },
            diagnostics);
    }

    [Fact]
    public void PDSL204_invalid_feature_signatures_say_what_is_wrong()
    {
        var source = Usings + ValidDataset + """

            [FeatureSet(typeof(Row))]
            public static partial class Features
            {
                [Feature] public static string Name(Row r) => "";
                [Feature] public static float Two(Row r, int k) => r.X;
                [Feature] public static float Other(string s) => 0f;
                [Feature] public static float Generic<TRow>(Row r) => r.X;
                [Feature] public static float X(Row r) => r.X;
                [Feature(Name = "X")] public static float Y(Row r) => r.X;
            }
            """;

        Assert.Equal(
            new[]
            {
                "PDSL204 Error @Name: Feature method 'Name' has an invalid signature: it must return float, double, int, long or bool, not 'string'",
                "PDSL204 Error @Two: Feature method 'Two' has an invalid signature: it must take exactly one parameter of type 'Row', not 2",
                "PDSL204 Error @Other: Feature method 'Other' has an invalid signature: its first parameter must be of type 'Row', passed by value",
                "PDSL204 Error @Generic: Feature method 'Generic' has an invalid signature: it must not be generic",
                "PDSL204 Error @Y: Feature method 'Y' has an invalid signature: its feature name 'X' is already used by 'X'",
            },
            Sorted(GeneratorTestHelper.GeneratorDiagnostics(source)));
    }

    [Fact]
    public void PDSL204_by_ref_row_parameter()
    {
        var source = Usings + ValidDataset + """

            [FeatureSet(typeof(Row))]
            public static partial class Features
            {
                [Feature] public static float X(ref Row r) => r.X;
            }
            """;

        AssertSingle(source, "PDSL204", DiagnosticSeverity.Error, "X", "Feature method 'X' has an invalid signature: its first parameter must be of type 'Row', passed by value");
    }

    [Fact]
    public void PDSL205_declarations_must_be_top_level_partial_types()
    {
        var source = Usings + ValidDataset + """

            [FeatureSet(typeof(Row))]
            public partial class Features { [Feature] public static float X(Row r) => r.X; }

            [Model(typeof(Features))]
            public sealed class M { }

            public static class Outer
            {
                [Gate(typeof(M))]
                public sealed partial class G;
            }

            [Pipeline("p", typeof(M))]
            public static class P;

            [Model(typeof(Features))]
            public sealed partial record M2(int Leaves);
            """;

        Assert.Equal(
            new[]
            {
                "PDSL205 Error @Features: Feature set 'Features' must be declared as a top-level static partial class",
                "PDSL205 Error @M: Model 'M' must be declared as a top-level non-abstract, non-generic partial class or record with a parameterless constructor",
                "PDSL205 Error @G: Gate 'G' must be declared as a top-level non-generic partial class or record",
                "PDSL205 Error @P: Pipeline 'P' must be declared as a top-level static partial class",
                "PDSL205 Error @M2: Model 'M2' must be declared as a top-level non-abstract, non-generic partial class or record with a parameterless constructor",
            },
            Sorted(GeneratorTestHelper.GeneratorDiagnostics(source)));
    }

    [Fact]
    public void PDSL206_dataset_has_at_most_one_label_and_a_joined_dataset_may_have_none()
    {
        var source = Usings + """
            [Dataset("none")]
            public sealed partial record NoLabel { public float X { get; init; } }

            [Dataset("two")]
            public sealed partial record TwoLabels
            {
                [Label] public bool A { get; init; }
                [Label] public bool B { get; init; }
            }
            """;

        Assert.Equal(
            new[]
            {
                "PDSL206 Error @TwoLabels: Dataset 'two' declares 2 [Label] members; a dataset has at most one",
            },
            Sorted(GeneratorTestHelper.GeneratorDiagnostics(source)));
    }

    [Fact]
    public void PDSL207_label_type_must_fit_the_task_and_the_pipeline_is_not_emitted()
    {
        var source = Usings + ValidDataset + ValidFeatures + """

            [Model(typeof(Features), Task = MlTask.Regression)]
            public sealed partial class M { }

            [Pipeline("p", typeof(M))]
            public static partial class P;
            """;

        var run = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source)).Driver.GetRunResult();

        Assert.Equal(
            new[] { "PDSL207 Error @Input.cs(15): Model 'M' has task Regression, but the label 'Y' of its dataset has type 'bool'; Regression needs a non-nullable numeric label (int, long, float, double or decimal)" },
            Sorted(run.Diagnostics));
        Assert.DoesNotContain(run.Results[0].GeneratedSources, s => s.HintName.Contains("Pipeline", StringComparison.Ordinal));
    }

    [Fact]
    public void PDSL207_nullable_bool_label_does_not_fit_binary_classification()
    {
        var source = Usings + """
            [Dataset("d")]
            public sealed partial record Row
            {
                public float X { get; init; }
                [Label] public bool? Y { get; init; }
            }
            """ + ValidFeatures + ValidModel;

        AssertSingle(source, "PDSL207", DiagnosticSeverity.Error, "Input.cs(14)", "Model 'M' has task BinaryClassification, but the label 'Y' of its dataset has type 'bool?'; BinaryClassification needs a bool label");
    }

    [Fact]
    public void PDSL208_unsupported_dataset_members()
    {
        var source = Usings + """
            [Dataset("d")]
            public sealed partial record Row
            {
                public Guid Id { get; init; }
                public float Computed => 1f;
                [Range(0, 1)] public string Text { get; init; } = "";
                [Categories("a")] public int Code { get; init; }
                [Label] public bool Y { get; init; }
            }
            """;

        Assert.Equal(
            new[]
            {
                "PDSL208 Error @Id: Dataset member 'Id' has unsupported type 'System.Guid'; supported: string, bool, int, long, float, double, decimal, DateTime and their nullable forms",
                "PDSL208 Error @Computed: Dataset member 'Computed' has no setter or init accessor that the generated reader can use",
                "PDSL208 Error @Text: Dataset member 'Text' has [Range], which applies only to numeric members",
                "PDSL208 Error @Code: Dataset member 'Code' has [Categories], which applies only to string members",
            },
            Sorted(GeneratorTestHelper.GeneratorDiagnostics(source)));
    }

    [Fact]
    public void PDSL209_timestamp_member_must_exist_and_be_a_DateTime()
    {
        var source = Usings + """
            [Dataset("missing", Timestamp = "When")]
            public sealed partial record A { [Label] public bool Y { get; init; } }

            [Dataset("wrong", Timestamp = nameof(When))]
            public sealed partial record B
            {
                public string When { get; init; } = "";
                [Label] public bool Y { get; init; }
            }
            """;

        Assert.Equal(
            new[]
            {
                "PDSL209 Error @Dataset(\"missing\", Timestamp = \"When\"): Dataset 'missing' names timestamp member 'When', which is not a public property of 'A'",
                "PDSL209 Error @Dataset(\"wrong\", Timestamp = nameof(When: Dataset 'wrong' names timestamp member 'When', which has type 'string', not DateTime",
            },
            Sorted(GeneratorTestHelper.GeneratorDiagnostics(source)));
    }

    [Fact]
    public void PDSL210_feature_set_without_features_is_a_warning_and_still_emitted()
    {
        var source = Usings + ValidDataset + """

            [FeatureSet(typeof(Row))]
            public static partial class Features
            {
                public static float NotAFeature(Row r) => r.X;
            }
            """;

        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));

        Assert.Equal(new[] { "PDSL210 Warning @Features: Feature set 'Features' declares no [Feature] method" }, Sorted(driver.GetRunResult().Diagnostics));
        Assert.Contains(driver.GetRunResult().Results[0].GeneratedSources, s => s.HintName == "T.Features.FeatureSet.g.cs");
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void PDSL211_unsupported_hyperparameters()
    {
        var source = Usings + ValidDataset + ValidFeatures + """

            [Model(typeof(Features))]
            public sealed partial class M
            {
                [Hyperparameter] public decimal Rate { get; init; }
                [Hyperparameter] public int? Depth { get; init; }
                [Hyperparameter] public static int Shared { get; set; }
            }
            """;

        Assert.Equal(
            new[]
            {
                "PDSL211 Error @Rate: Hyperparameter 'Rate' has unsupported type 'decimal'; supported: int, long, float, double, bool, string",
                "PDSL211 Error @Depth: Hyperparameter 'Depth' has unsupported type 'int?'; supported: int, long, float, double, bool, string",
                "PDSL211 Error @Shared: Hyperparameter 'Shared' must be an instance property with a getter",
            },
            Sorted(GeneratorTestHelper.GeneratorDiagnostics(source)));
    }

    [Fact]
    public void Valid_deployments_produce_no_diagnostic_and_are_attached_to_the_pipeline()
    {
        var source = Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + ValidGate + """

            [Deployment(typeof(M), Rollout = RolloutStrategy.Canary, CanarySteps = new[] { 1, 100 }, EvaluationSeconds = 1, MinRequestsPerWindow = 1,
                MaxErrorRate = 0, MaxP99LatencyMs = 0.5, MaxPredictionShift = 1e-3)]
            public sealed class Canary;

            [Deployment(typeof(M), Name = "ab", Rollout = RolloutStrategy.AbTest, ChallengerPercent = 99, AssignmentMember = nameof(Row.X))]
            public sealed class Experiment;
            """ + ValidMonitor;

        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));

        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var pipeline = PipelineSource(driver);
        Assert.Contains("new global::PipelineDsl.Runtime.DeploymentDefinition(\"Canary\", global::PipelineDsl.RolloutStrategy.Canary, new int[] { 1, 100 }, global::System.TimeSpan.FromSeconds(1), 1, 0d, 0.5d, 0.001d, 50, null),", pipeline, StringComparison.Ordinal);
        Assert.Contains("new global::PipelineDsl.Runtime.DeploymentDefinition(\"ab\", global::PipelineDsl.RolloutStrategy.AbTest, new int[] { 10, 50, 100 }, global::System.TimeSpan.FromSeconds(60), 50, 0.01d, 50d, 0.25d, 99, \"X\"),", pipeline, StringComparison.Ordinal);
    }

    [Fact]
    public void PDSL218_deployed_type_must_be_a_model_that_a_pipeline_trains()
    {
        var source = Usings + ValidDataset + ValidFeatures + ValidModel + """

            [Deployment(typeof(Row))]
            public sealed class NotAModel;

            [Deployment(typeof(M), Name = "m-live")]
            public sealed class Untrained;
            """;

        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));

        Assert.Equal(
            new[]
            {
                "PDSL218 Error @typeof(Row): Deployment 'NotAModel' serves 'T.Row', which is not marked [Model]",
                "PDSL218 Error @Input.cs(21): Deployment 'm-live' serves 'T.M', which no [Pipeline] trains; declare a pipeline for it, or deploy a model that has one",
            },
            Sorted(driver.GetRunResult().Diagnostics));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void PDSL219_invalid_rollout_settings_name_the_setting_and_the_value_and_the_deployment_is_left_out()
    {
        var source = Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + ValidGate + """

            [Deployment(typeof(M),
                Rollout = RolloutStrategy.Canary,
                CanarySteps = new[] { 50, 10, 101 },
                EvaluationSeconds = 0,
                MinRequestsPerWindow = -5,
                MaxErrorRate = 1.5,
                MaxP99LatencyMs = 0,
                MaxPredictionShift = -0.1,
                ChallengerPercent = 100,
                Name = " ")]
            public sealed class Bad;
            """ + ValidMonitor;

        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));

        const string Prefix = "PDSL219 Error @";
        const string Says = ": Deployment ' ' has an invalid rollout setting: ";
        Assert.Equal(
            new[]
            {
                Prefix + "CanarySteps = new[] { 50, 10, 101 }" + Says + "CanarySteps = { 50, 10, 101 }: 101 is outside 1..100; the steps are not strictly increasing; the last step is 101, not 100",
                Prefix + "EvaluationSeconds = 0" + Says + "EvaluationSeconds = 0 must be at least 1",
                Prefix + "MinRequestsPerWindow = -5" + Says + "MinRequestsPerWindow = -5 must be at least 1",
                Prefix + "MaxErrorRate = 1.5" + Says + "MaxErrorRate = 1.5 must be between 0 and 1",
                Prefix + "MaxP99LatencyMs = 0" + Says + "MaxP99LatencyMs = 0 must be greater than 0",
                Prefix + "MaxPredictionShift = -0.1" + Says + "MaxPredictionShift = -0.1 must be greater than 0",
                Prefix + "ChallengerPercent = 100" + Says + "ChallengerPercent = 100 must be between 1 and 99",
                Prefix + "Name = \" \"" + Says + "Name must not be empty",
            },
            Sorted(driver.GetRunResult().Diagnostics));
        Assert.DoesNotContain("deployments:", PipelineSource(driver), StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("new int[0]", "CanarySteps is empty; it needs increasing percentages that end at 100")]
    [InlineData("null", "CanarySteps is empty; it needs increasing percentages that end at 100")]
    [InlineData("new[] { 10, 50 }", "CanarySteps = { 10, 50 }: the last step is 50, not 100")]
    [InlineData("new[] { 0, 100 }", "CanarySteps = { 0, 100 }: 0 is outside 1..100")]
    [InlineData("new[] { -1, 0, 100 }", "CanarySteps = { -1, 0, 100 }: -1, 0 are outside 1..100")]
    [InlineData("new[] { 50, 50, 100 }", "CanarySteps = { 50, 50, 100 }: the steps are not strictly increasing")]
    [InlineData("new[] { 100, 100 }", "CanarySteps = { 100, 100 }: the steps are not strictly increasing")]
    public void PDSL219_canary_steps_increase_within_1_to_100_and_end_at_100(string steps, string problem)
    {
        var source = Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + ValidGate + $$"""

            [Deployment(typeof(M), CanarySteps = {{steps}})]
            public sealed class D;
            """ + ValidMonitor;

        AssertSingle(source, "PDSL219", DiagnosticSeverity.Error, "CanarySteps = " + steps, "Deployment 'D' has an invalid rollout setting: " + problem);
    }

    [Fact]
    public void PDSL219_assignment_member_must_be_a_request_field_and_names_unique_per_model()
    {
        var source = Usings + """
            [Dataset("d")]
            public sealed partial record Row
            {
                public float X { get; init; }
                [NotAvailableAtPrediction] public float Late { get; init; }
                [Label] public bool Y { get; init; }
            }
            """ + ValidFeatures + ValidModel + ValidPipeline + ValidGate + """

            [Deployment(typeof(M), Rollout = RolloutStrategy.AbTest, AssignmentMember = "Nope")]
            public sealed class Ab;

            [Deployment(typeof(M), AssignmentMember = nameof(Row.Y))]
            public sealed class ByLabel;

            [Deployment(typeof(M), AssignmentMember = nameof(Row.Late))]
            public sealed class ByLate;

            [Deployment(typeof(M), Name = "live")]
            public sealed class Live1;

            [Deployment(typeof(M), Name = "live")]
            public sealed class Live2;

            [Deployment(typeof(M), Name = "ok", Rollout = RolloutStrategy.AbTest, AssignmentMember = nameof(Row.X))]
            public sealed class Ok;
            """ + ValidMonitor;

        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));

        Assert.Equal(
            new[]
            {
                "PDSL219 Error @Input.cs(23): Deployment 'Ab' has an invalid rollout setting: AssignmentMember = \"Nope\" is not a member of dataset 'd' (row 'Row')",
                "PDSL219 Error @Input.cs(26): Deployment 'ByLabel' has an invalid rollout setting: AssignmentMember = \"Y\" is the label of dataset 'd'; a prediction request does not carry it",
                "PDSL219 Error @Input.cs(29): Deployment 'ByLate' has an invalid rollout setting: AssignmentMember = \"Late\" is not available at prediction of dataset 'd'; a prediction request does not carry it",
                "PDSL219 Error @Input.cs(32): Deployment 'live' has an invalid rollout setting: Name = \"live\" is also the name of deployment 'T.Live2' of the same model",
                "PDSL219 Error @Input.cs(35): Deployment 'live' has an invalid rollout setting: Name = \"live\" is also the name of deployment 'T.Live1' of the same model",
            },
            Sorted(driver.GetRunResult().Diagnostics));
        var pipeline = PipelineSource(driver);
        Assert.Single(pipeline.Split("new global::PipelineDsl.Runtime.DeploymentDefinition(").Skip(1));
        Assert.Contains("DeploymentDefinition(\"ok\", global::PipelineDsl.RolloutStrategy.AbTest,", pipeline, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void PDSL220_a_deployed_model_without_a_gate_is_a_warning_and_still_emitted()
    {
        var source = Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + """

            [Deployment(typeof(M), Rollout = RolloutStrategy.Shadow)]
            public sealed class D;
            """ + ValidMonitor;

        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));

        Assert.Equal(
            new[] { "PDSL220 Warning @Input.cs(19): Deployment 'D' serves model 'T.M', which has no [Gate]: its versions reach traffic with no promotion rules" },
            Sorted(driver.GetRunResult().Diagnostics));
        Assert.Contains("DeploymentDefinition(\"D\", global::PipelineDsl.RolloutStrategy.Shadow,", PipelineSource(driver), StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Deployment_diagnostics_carry_help_links_and_the_pipeline_category()
    {
        var diagnostics = GeneratorTestHelper.GeneratorDiagnostics(Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + """

            [Deployment(typeof(Row))]
            public sealed class A;

            [Deployment(typeof(M), EvaluationSeconds = 0)]
            public sealed class B;
            """ + ValidMonitor);

        Assert.Equal(["PDSL218", "PDSL219", "PDSL220"], diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("PipelineDsl.Pipeline", d.Descriptor.Category);
            Assert.Equal($"https://github.com/pipelinedsl/pipelinedsl/blob/main/docs/diagnostics/{d.Id}.md", d.Descriptor.HelpLinkUri);
        });
    }

    [Fact]
    public void Valid_monitor_produces_no_diagnostic_and_is_attached_to_the_pipeline()
    {
        var source = Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + ValidGate + """

            [Deployment(typeof(M))]
            public sealed class Live;

            [Monitor(typeof(M), Window = "10 rows", MaxPsi = 1e-3, MinKsPValue = 0, MaxJensenShannon = 1, MinChiSquarePValue = 0.999,
                MaxPredictionPsi = 5, MaxInvalidRate = 1, MaxStalenessHours = 0.5, DecayMetric = Metric.CalibrationError, MaxDecay = 0, MinLabelledRows = 1,
                OnDrift = MonitorAction.None, OnQuality = MonitorAction.Retrain | MonitorAction.Rollback, OnDecay = MonitorAction.Rollback)]
            public sealed class Watch;
            """;

        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));

        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var pipeline = PipelineSource(driver);
        Assert.Contains(
            "monitor: new global::PipelineDsl.Runtime.MonitorDefinition(10, global::System.TimeSpan.FromTicks(0L), 0.001d, 0d, 1d, 0.999d, 5d, 1d, 0.5d, "
            + "global::PipelineDsl.Metric.CalibrationError, 0d, 1, (global::PipelineDsl.MonitorAction)0, (global::PipelineDsl.MonitorAction)15, (global::PipelineDsl.MonitorAction)11));",
            pipeline,
            StringComparison.Ordinal);
        Assert.Contains("DeploymentDefinition(\"Live\",", pipeline, StringComparison.Ordinal);
    }

    [Fact]
    public void A_monitor_with_the_defaults_passes_them_and_a_pipeline_without_one_passes_none()
    {
        var (monitored, _, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + ValidMonitor));
        var (plain, _, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline));

        Assert.Empty(monitored.GetRunResult().Diagnostics);
        Assert.Contains(
            "            Graph,\n            monitor: new global::PipelineDsl.Runtime.MonitorDefinition(1000, global::System.TimeSpan.FromTicks(0L), 0.2d, 0.0001d, 0.2d, 0.0001d, 0.2d, 0.01d, 0d, "
            + "global::PipelineDsl.Metric.Auc, 0.05d, 200, (global::PipelineDsl.MonitorAction)3, (global::PipelineDsl.MonitorAction)3, (global::PipelineDsl.MonitorAction)7));\n",
            PipelineSource(monitored),
            StringComparison.Ordinal);
        Assert.Contains("            Graph);\n", PipelineSource(plain), StringComparison.Ordinal);
        Assert.DoesNotContain("monitor:", PipelineSource(plain), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10 rows", 10, 0L)]
    [InlineData("1000 ROWS", 1000, 0L)]
    [InlineData(" 250 row ", 250, 0L)]
    [InlineData("1 hour", 0, 36_000_000_000L)]
    [InlineData("30 minutes", 0, 18_000_000_000L)]
    [InlineData("1 day", 0, 864_000_000_000L)]
    [InlineData("2 weeks", 0, 12_096_000_000_000L)]
    [InlineData("2h", 0, 72_000_000_000L)]
    [InlineData("90s", 0, 900_000_000L)]
    [InlineData("15 min", 0, 9_000_000_000L)]
    public void PDSL222_negative_a_window_is_a_row_count_of_at_least_10_or_a_positive_duration(string window, int rows, long ticks)
    {
        var source = Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + $$"""

            [Monitor(typeof(M), Window = "{{window}}")]
            public sealed class Mon;
            """;

        var (driver, _, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));

        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Contains($"monitor: new global::PipelineDsl.Runtime.MonitorDefinition({rows}, global::System.TimeSpan.FromTicks({ticks}L), ", PipelineSource(driver), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"9 rows\"", "Window = \"9 rows\" must have at least 10 rows")]
    [InlineData("\"0 rows\"", "Window = \"0 rows\" must have at least 10 rows")]
    [InlineData("\"-5 rows\"", "Window = \"-5 rows\" is neither \"N rows\" nor a positive duration such as \"1 hour\", \"30 minutes\", \"1 day\" or \"2h\"")]
    [InlineData("\"1.5 hours\"", "Window = \"1.5 hours\" is neither \"N rows\" nor a positive duration such as \"1 hour\", \"30 minutes\", \"1 day\" or \"2h\"")]
    [InlineData("\"0 hours\"", "Window = \"0 hours\" is neither \"N rows\" nor a positive duration such as \"1 hour\", \"30 minutes\", \"1 day\" or \"2h\"")]
    [InlineData("\"1 fortnight\"", "Window = \"1 fortnight\" is neither \"N rows\" nor a positive duration such as \"1 hour\", \"30 minutes\", \"1 day\" or \"2h\"")]
    [InlineData("\"hourly\"", "Window = \"hourly\" is neither \"N rows\" nor a positive duration such as \"1 hour\", \"30 minutes\", \"1 day\" or \"2h\"")]
    [InlineData("\"\"", "Window = \"\" is neither \"N rows\" nor a positive duration such as \"1 hour\", \"30 minutes\", \"1 day\" or \"2h\"")]
    [InlineData("null", "Window = null is neither \"N rows\" nor a positive duration such as \"1 hour\", \"30 minutes\", \"1 day\" or \"2h\"")]
    public void PDSL222_a_window_that_is_not_a_row_count_of_at_least_10_or_a_positive_duration(string window, string problem)
    {
        var source = Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + $$"""

            [Monitor(typeof(M), Window = {{window}})]
            public sealed class Mon;
            """;

        AssertSingle(source, "PDSL222", DiagnosticSeverity.Error, "Window = " + window, "Monitor 'Mon' has an invalid setting: " + problem);
    }

    [Fact]
    public void PDSL222_invalid_monitor_settings_name_the_setting_and_the_value_and_the_monitor_is_left_out()
    {
        var source = Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + ValidGate + """

            [Monitor(typeof(M),
                Window = "5 rows",
                MaxPsi = 0,
                MinKsPValue = 1,
                MaxJensenShannon = 0,
                MinChiSquarePValue = -0.1,
                MaxPredictionPsi = -1,
                MaxInvalidRate = 1.5,
                MaxStalenessHours = -1,
                DecayMetric = Metric.P99LatencyMs,
                MaxDecay = -0.01,
                MinLabelledRows = 0,
                OnDrift = (MonitorAction)4,
                OnQuality = (MonitorAction)2,
                OnDecay = (MonitorAction)16)]
            public sealed class Bad;

            [Deployment(typeof(M))]
            public sealed class Live;
            """;

        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));

        const string Prefix = "PDSL222 Error @";
        const string Says = ": Monitor 'Bad' has an invalid setting: ";
        Assert.Equal(
            new[]
            {
                Prefix + "Window = \"5 rows\"" + Says + "Window = \"5 rows\" must have at least 10 rows",
                Prefix + "MaxPsi = 0" + Says + "MaxPsi = 0 must be greater than 0",
                Prefix + "MinKsPValue = 1" + Says + "MinKsPValue = 1 must be at least 0 and below 1 (0 turns the rule off)",
                Prefix + "MaxJensenShannon = 0" + Says + "MaxJensenShannon = 0 must be greater than 0 and at most 1 (1 turns the rule off)",
                Prefix + "MinChiSquarePValue = -0.1" + Says + "MinChiSquarePValue = -0.1 must be at least 0 and below 1 (0 turns the rule off)",
                Prefix + "MaxPredictionPsi = -1" + Says + "MaxPredictionPsi = -1 must be greater than 0",
                Prefix + "MaxInvalidRate = 1.5" + Says + "MaxInvalidRate = 1.5 must be between 0 and 1",
                Prefix + "MaxStalenessHours = -1" + Says + "MaxStalenessHours = -1 must be 0 (off) or a positive number of hours",
                Prefix + "DecayMetric = Metric.P99LatencyMs" + Says + "DecayMetric = P99LatencyMs is not a quality metric: decay compares a metric of labelled live rows with its holdout value; live latency is watched by [Deployment] MaxP99LatencyMs",
                Prefix + "MaxDecay = -0.01" + Says + "MaxDecay = -0.01 must be 0 or greater",
                Prefix + "MinLabelledRows = 0" + Says + "MinLabelledRows = 0 must be at least 1",
                Prefix + "OnDrift = (MonitorAction)4" + Says + "OnDrift = 4 is not a combination of MonitorAction.None, Log, Alert, Retrain and Rollback",
                Prefix + "OnQuality = (MonitorAction)2" + Says + "OnQuality = 2 is not a combination of MonitorAction.None, Log, Alert, Retrain and Rollback",
                Prefix + "OnDecay = (MonitorAction)16" + Says + "OnDecay = 16 is not a combination of MonitorAction.None, Log, Alert, Retrain and Rollback",
            },
            Sorted(driver.GetRunResult().Diagnostics)); // a monitor with errors still counts: no PDSL223 on the deployment
        Assert.DoesNotContain("monitor:", PipelineSource(driver), StringComparison.Ordinal);
        Assert.Contains("DeploymentDefinition(\"Live\",", PipelineSource(driver), StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("MaxJensenShannon = 1.5", "MaxJensenShannon = 1.5 must be greater than 0 and at most 1 (1 turns the rule off)")]
    [InlineData("MinKsPValue = -1e-9", "MinKsPValue = -1E-09 must be at least 0 and below 1 (0 turns the rule off)")]
    [InlineData("MinChiSquarePValue = 1", "MinChiSquarePValue = 1 must be at least 0 and below 1 (0 turns the rule off)")]
    [InlineData("MaxPsi = double.NaN", "MaxPsi = NaN must be greater than 0")]
    [InlineData("MaxInvalidRate = -0.5", "MaxInvalidRate = -0.5 must be between 0 and 1")]
    [InlineData("DecayMetric = (Metric)42", "DecayMetric = 42 is not a Metric")]
    [InlineData("OnDrift = (MonitorAction)5", "OnDrift = 5 is not a combination of MonitorAction.None, Log, Alert, Retrain and Rollback")]
    [InlineData("OnDecay = (MonitorAction)(-1)", "OnDecay = -1 is not a combination of MonitorAction.None, Log, Alert, Retrain and Rollback")]
    public void PDSL222_one_invalid_setting(string setting, string problem)
    {
        var source = Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + $$"""

            [Monitor(typeof(M), {{setting}})]
            public sealed class Mon;
            """;

        AssertSingle(source, "PDSL222", DiagnosticSeverity.Error, setting, "Monitor 'Mon' has an invalid setting: " + problem);
    }

    [Theory]
    [InlineData("OnDrift = MonitorAction.None")]
    [InlineData("OnDrift = MonitorAction.Log")]
    [InlineData("OnDrift = MonitorAction.Alert | MonitorAction.Log")]
    [InlineData("OnQuality = MonitorAction.Retrain | MonitorAction.Rollback")]
    [InlineData("OnDecay = MonitorAction.Rollback")]
    [InlineData("MinKsPValue = 0, MinChiSquarePValue = 0, MaxJensenShannon = 1, MaxStalenessHours = 0, MaxDecay = 0")]
    [InlineData("MaxInvalidRate = 0, MinLabelledRows = 1, MaxPsi = 1e-9, MaxPredictionPsi = 10")]
    [InlineData("DecayMetric = Metric.LogLoss")]
    public void PDSL222_negative_boundary_settings_are_valid(string settings)
    {
        var source = Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + $$"""

            [Monitor(typeof(M), {{settings}})]
            public sealed class Mon;
            """;

        var (driver, _, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));

        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Contains("monitor: new global::PipelineDsl.Runtime.MonitorDefinition(", PipelineSource(driver), StringComparison.Ordinal);
    }

    private const string RegressionDeclarations = """
        [Dataset("h")]
        public sealed partial record House
        {
            public float Area { get; init; }
            [Label] public float Price { get; init; }
        }

        [FeatureSet(typeof(House))]
        public static partial class Features
        {
            [Feature] public static float Area(House h) => h.Area;
        }

        [Model(typeof(Features), Task = MlTask.Regression)]
        public sealed partial class M;

        [Pipeline("p", typeof(M))]
        public static partial class P;
        """;

    [Fact]
    public void PDSL222_the_decay_metric_must_be_one_the_model_task_produces()
    {
        var regression = Usings + RegressionDeclarations + """

            [Monitor(typeof(M), Window = "1 day")]
            public sealed class HouseMonitor;
            """;
        var classification = Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + """

            [Monitor(typeof(M),
                DecayMetric = Metric.Rmse)]
            public sealed class ChurnMonitor;
            """;

        var (regressionRun, regressionOutput, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(regression));
        var (classificationRun, _, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(classification));

        // Found after the join (the task is the model's): reported on the attribute, or on DecayMetric when it is written.
        Assert.Equal(
            new[] { "PDSL222 Error @Monitor(typeof(M), Window = \"1 day\"): Monitor 'HouseMonitor' has an invalid setting: DecayMetric = Auc (the default) is a metric a Regression model does not produce; it produces Rmse, Mae, R2" },
            Sorted(regressionRun.GetRunResult().Diagnostics, regression));
        Assert.Equal(
            new[] { "PDSL222 Error @DecayMetric = Metric.Rmse: Monitor 'ChurnMonitor' has an invalid setting: DecayMetric = Rmse is a metric a BinaryClassification model does not produce; it produces Auc, F1, Precision, Recall, LogLoss, Accuracy, CalibrationError" },
            Sorted(classificationRun.GetRunResult().Diagnostics, classification));
        Assert.DoesNotContain("monitor:", PipelineSource(regressionRun), StringComparison.Ordinal);
        Assert.DoesNotContain("monitor:", PipelineSource(classificationRun), StringComparison.Ordinal);
        Assert.Empty(regressionOutput.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("Rmse")]
    [InlineData("Mae")]
    [InlineData("R2")]
    public void PDSL222_negative_a_regression_monitor_decays_on_a_regression_metric(string metric)
    {
        var source = Usings + RegressionDeclarations + $$"""

            [Monitor(typeof(M), DecayMetric = Metric.{{metric}}, MaxDecay = 5000)]
            public sealed class HouseMonitor;
            """;

        var (driver, _, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));

        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Contains($"global::PipelineDsl.Metric.{metric}, 5000d, 200,", PipelineSource(driver), StringComparison.Ordinal);
    }

    [Fact]
    public void PDSL221_the_monitored_type_must_be_a_model_that_a_pipeline_trains_and_that_no_other_monitor_watches()
    {
        var source = Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + """

            [Model(typeof(Features))]
            public sealed partial class Untrained;

            [Monitor(typeof(Row))]
            public sealed class NotAModel;

            [Monitor(typeof(Untrained))]
            public sealed class OfUntrained;

            [Monitor(typeof(M), Window = "1 hour")]
            public sealed class Hourly;

            [Monitor(typeof(M), Window = "1 day")]
            public sealed class Daily;
            """;

        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));

        Assert.Equal(
            new[]
            {
                "PDSL221 Error @typeof(Row): Monitor 'NotAModel' watches 'T.Row', which is not marked [Model]",
                "PDSL221 Error @Monitor(typeof(Untrained)): Monitor 'OfUntrained' watches 'T.Untrained', which no [Pipeline] trains; declare a pipeline for it, or monitor a model that has one",
                "PDSL221 Error @Monitor(typeof(M), Window = \"1 hour\"): Monitor 'Hourly' watches 'T.M', which monitor 'T.Daily' also watches; a model has one [Monitor]",
                "PDSL221 Error @Monitor(typeof(M), Window = \"1 day\"): Monitor 'Daily' watches 'T.M', which monitor 'T.Hourly' also watches; a model has one [Monitor]",
            },
            Sorted(driver.GetRunResult().Diagnostics, source));
        Assert.DoesNotContain("monitor:", PipelineSource(driver), StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void PDSL223_a_deployed_model_without_a_monitor_is_a_warning_and_still_emitted()
    {
        var source = Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + ValidGate + """

            [Deployment(typeof(M), Rollout = RolloutStrategy.Canary)]
            public sealed class D;
            """;

        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));

        Assert.Equal(
            new[] { "PDSL223 Warning @Deployment(typeof(M), Rollout = RolloutStrategy.Canary): Deployment 'D' serves model 'T.M', which has no [Monitor]: nobody watches its traffic for drift, data-quality failures or decay" },
            Sorted(driver.GetRunResult().Diagnostics, source));
        Assert.Contains("DeploymentDefinition(\"D\", global::PipelineDsl.RolloutStrategy.Canary,", PipelineSource(driver), StringComparison.Ordinal);
        Assert.DoesNotContain("monitor:", PipelineSource(driver), StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void PDSL223_negative_a_monitored_deployed_model_or_an_undeployed_model_has_no_warning()
    {
        var deployed = Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + ValidGate + """

            [Deployment(typeof(M), Rollout = RolloutStrategy.Canary)]
            public sealed class D;
            """ + ValidMonitor;
        var undeployed = Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + ValidGate;

        Assert.Empty(GeneratorTestHelper.GeneratorDiagnostics(deployed));
        Assert.Empty(GeneratorTestHelper.GeneratorDiagnostics(undeployed));
    }

    [Fact]
    public void Monitor_diagnostics_carry_help_links_and_the_pipeline_category()
    {
        var diagnostics = GeneratorTestHelper.GeneratorDiagnostics(Usings + ValidDataset + ValidFeatures + ValidModel + ValidPipeline + ValidGate + """

            [Model(typeof(Features))]
            public sealed partial class M2;

            [Pipeline("p2", typeof(M2))]
            public static partial class P2;

            [Gate(typeof(M2))]
            [MinMetric(Metric.Auc, 0.8)]
            public sealed partial class G2;

            [Deployment(typeof(M2))]
            public sealed class D2;

            [Monitor(typeof(Row))]
            public sealed class A;

            [Monitor(typeof(M), MaxPsi = 0)]
            public sealed class B;
            """);

        Assert.Equal(["PDSL221", "PDSL222", "PDSL223"], diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("PipelineDsl.Pipeline", d.Descriptor.Category);
            Assert.Equal($"https://github.com/pipelinedsl/pipelinedsl/blob/main/docs/diagnostics/{d.Id}.md", d.Descriptor.HelpLinkUri);
            Assert.Equal(d.Id == "PDSL223" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, d.Severity);
        });
    }

    [Fact]
    public void Invalid_declarations_are_skipped_and_the_rest_still_compiles()
    {
        // The dataset is invalid (PDSL206): nothing that depends on it is emitted, so the only errors are ours.
        var source = Usings + """
            [Dataset("d")]
            public sealed partial record Row { [Label] public float X { get; init; } [Label] public float Y { get; init; } }
            """ + ValidFeatures + ValidModel + ValidPipeline;

        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));

        Assert.Equal(["PDSL206"], driver.GetRunResult().Diagnostics.Select(d => d.Id));
        Assert.Equal(["T.M.Model.g.cs"], driver.GetRunResult().Results[0].GeneratedSources.Select(s => s.HintName));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Diagnostics_carry_help_links_and_the_pipeline_category()
    {
        var diagnostic = Assert.Single(GeneratorTestHelper.GeneratorDiagnostics(Usings + "[Dataset(\"d\")] public sealed partial record R { [Label] public bool A { get; init; } [Label] public bool B { get; init; } }"));

        Assert.Equal("PipelineDsl.Pipeline", diagnostic.Descriptor.Category);
        Assert.Equal("https://github.com/pipelinedsl/pipelinedsl/blob/main/docs/diagnostics/PDSL206.md", diagnostic.Descriptor.HelpLinkUri);
    }

    private static string PipelineSource(GeneratorDriver driver) =>
        Assert.Single(driver.GetRunResult().Results[0].GeneratedSources, s => s.HintName == "T.P.Pipeline.g.cs").SourceText.ToString();

    private static void AssertSingle(string source, string id, DiagnosticSeverity severity, string at, string message) =>
        Assert.Equal(new[] { $"{id} {severity} @{at}: {message}" }, Sorted(GeneratorTestHelper.GeneratorDiagnostics(source)));

    /// <summary>
    /// Each diagnostic as <c>ID Severity @located-text: message</c>, in source order. Given the source, a diagnostic found
    /// after the join (a re-created location without a tree) shows its whole text, else its file and line.
    /// </summary>
    private static string[] Sorted(IEnumerable<Diagnostic> diagnostics, string? source = null) =>
        diagnostics
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => $"{d.Id} {d.Severity} @{Located(d, source)}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToArray();

    private static string Located(Diagnostic d, string? source = null)
    {
        if (d.Location.SourceTree is null && source is not null)
        {
            Assert.Equal("Input.cs", d.Location.GetLineSpan().Path);
            return source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);
        }

        if (d.Location.SourceTree is null)
        {
            // PDSL207 is reported from the joined step with a re-created (external) location: show file and line.
            var span = d.Location.GetLineSpan();
            return $"{span.Path}({span.StartLinePosition.Line + 1})";
        }

        var text = d.Location.SourceTree.GetText().ToString(d.Location.SourceSpan);
        return text.Length > 40 ? text[..40] : text;
    }
}
