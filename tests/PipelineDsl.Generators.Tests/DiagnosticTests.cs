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

    public static readonly TheoryData<string> AllIds =
        ["PDSL201", "PDSL202", "PDSL203", "PDSL204", "PDSL205", "PDSL206", "PDSL207", "PDSL208", "PDSL209", "PDSL210", "PDSL211", "PDSL212", "PDSL213", "PDSL214", "PDSL218", "PDSL219", "PDSL220"];

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
            """;

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
            """;

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
            """;

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
            """;

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
            """;

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
            """);

        Assert.Equal(["PDSL218", "PDSL219", "PDSL220"], diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("PipelineDsl.Pipeline", d.Descriptor.Category);
            Assert.Equal($"https://github.com/pipelinedsl/pipelinedsl/blob/main/docs/diagnostics/{d.Id}.md", d.Descriptor.HelpLinkUri);
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

    /// <summary>Each diagnostic as <c>ID Severity @located-text: message</c>, in source order.</summary>
    private static string[] Sorted(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => $"{d.Id} {d.Severity} @{Located(d)}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToArray();

    private static string Located(Diagnostic d)
    {
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
