using Microsoft.CodeAnalysis;
using PipelineDsl.Generators.Tests.Infrastructure;
using Steps = PipelineDsl.Generators.PipelineGeneratorStepNames;

namespace PipelineDsl.Generators.Tests;

/// <summary>
/// Step-state tests: which incremental steps re-run, and with what result, after an edit. With Roslyn 4.12 the
/// ForAttributeWithMetadataName transforms themselves re-run whenever the compilation changes (their results
/// carry diagnostics and are not equatable), so the guarantee is one step later: the spec projections are
/// <c>Unchanged</c> unless the declaration really changed, and everything after them is <c>Cached</c>.
/// </summary>
public sealed class IncrementalGeneratorTests
{
    private const string SourceOutput = "SourceOutput";

    private static readonly string[] SpecSteps =
    [
        Steps.DatasetSpecs, Steps.FeatureSetSpecs, Steps.ModelSpecs, Steps.GateSpecs, Steps.PipelineSpecs,
    ];

    private static readonly string[] JoinedSteps =
    [
        Steps.DatasetCollection, Steps.FeatureSetCollection, Steps.ModelCollection, Steps.GateCollection, Steps.ModelChecks,
        Steps.FeatureSetOutputs, Steps.PipelineOutputs, Steps.PipelineRegistry, Steps.LabelTaskDiagnostics,
        Steps.PipelineCollection, Steps.DeploymentCollection, Steps.DeploymentDiagnostics,
        Steps.MonitorCollection, Steps.MonitoredModels, Steps.MonitorDiagnostics,
    ];

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_spec_unchanged_and_every_output_cached()
    {
        var result = RunTwice(c => c.AddSyntaxTrees(GeneratorTestHelper.Parse("namespace Other; public class Unrelated { }", "Unrelated.cs")));

        foreach (var step in SpecSteps)
        {
            AssertReasons(result, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        }

        foreach (var step in JoinedSteps.Append(SourceOutput))
        {
            AssertReasons(result, step, IncrementalStepRunReason.Cached);
        }

        // The collected checks of no deployment or monitor at all: an empty collection, equal to the last one.
        AssertReasons(result, Steps.DeploymentChecks, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.MonitorChecks, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Appending_an_unrelated_type_to_the_dataset_file_leaves_outputs_cached_or_unchanged()
    {
        var result = RunTwice(c => Replace(c, "Customer.cs", TestSources.ChurnDataset + "\npublic sealed class Unrelated { }\n"));

        AssertReasons(result, Steps.DatasetSpecs, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.FeatureSetSpecs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.FeatureSetOutputs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.PipelineOutputs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.PipelineRegistry, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void A_comment_or_whitespace_edit_in_a_feature_is_unchanged()
    {
        var edited = TestSources.ChurnFeatures.Replace(
            "[Feature] public static float DayMinutes(Customer c) => c.TotalDayMinutes;",
            "// minutes on day calls\n    [Feature]   public static float DayMinutes(Customer c) =>\n        c.TotalDayMinutes;",
            StringComparison.Ordinal);
        Assert.NotEqual(TestSources.ChurnFeatures, edited);

        var result = RunTwice(c => Replace(c, "ChurnFeatures.cs", edited));

        AssertReasons(result, Steps.FeatureSetSpecs, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.FeatureSetOutputs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.PipelineOutputs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, SourceOutput, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Changing_a_feature_body_modifies_the_feature_set_but_not_the_pipeline()
    {
        var edited = TestSources.ChurnFeatures.Replace("=> c.TotalDayMinutes;", "=> c.TotalDayMinutes * 2f;", StringComparison.Ordinal);
        Assert.NotEqual(TestSources.ChurnFeatures, edited);

        var result = RunTwice(c => Replace(c, "ChurnFeatures.cs", edited));

        AssertReasons(result, Steps.FeatureSetSpecs, IncrementalStepRunReason.Modified);
        AssertReasons(result, Steps.FeatureSetOutputs, IncrementalStepRunReason.Modified);
        AssertReasons(result, Steps.DatasetSpecs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.ModelSpecs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.PipelineOutputs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.PipelineRegistry, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);

        // Only the feature set's file is re-emitted.
        Assert.Single(Reasons(result, SourceOutput), r => r == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Adding_a_second_pipeline_leaves_the_first_one_cached()
    {
        const string second = """
            using PipelineDsl;

            namespace ChurnSample;

            [Pipeline("churn-time", typeof(ChurnModel), Split = SplitStrategy.Time)]
            public static partial class ChurnTimePipeline;
            """;

        var result = RunTwice(c => c.AddSyntaxTrees(GeneratorTestHelper.Parse(second, "ChurnTimePipeline.cs")));

        var reasons = Reasons(result, Steps.PipelineOutputs);
        Assert.Equal(new[] { IncrementalStepRunReason.New, IncrementalStepRunReason.Cached }, reasons.Order());
        AssertReasons(result, Steps.PipelineRegistry, IncrementalStepRunReason.Modified);
        AssertReasons(result, Steps.FeatureSetOutputs, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Adding_deployments_modifies_only_the_pipeline_output()
    {
        // With the model monitored, so that the deployments raise no PDSL223 either.
        var result = RunTwice(
            c => c.AddSyntaxTrees(GeneratorTestHelper.Parse(TestSources.ChurnDeployments, "ChurnDeployments.cs")),
            [.. TestSources.Churn, ("ChurnMonitor.cs", TestSources.ChurnMonitor)]);

        Assert.Equal(new[] { IncrementalStepRunReason.New, IncrementalStepRunReason.New }, Reasons(result, Steps.DeploymentSpecs));
        AssertReasons(result, Steps.DeploymentCollection, IncrementalStepRunReason.Modified);
        AssertReasons(result, Steps.PipelineOutputs, IncrementalStepRunReason.Modified);
        AssertReasons(result, Steps.PipelineRegistry, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.FeatureSetOutputs, IncrementalStepRunReason.Cached);
        AssertReasons(result, Steps.DatasetSpecs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.DeploymentDiagnostics, IncrementalStepRunReason.Unchanged); // still none

        // Only the pipeline's file is re-emitted.
        Assert.Single(Reasons(result, SourceOutput), r => r == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Moving_a_deployment_re_runs_its_checks_but_leaves_the_pipeline_cached()
    {
        var result = RunTwice(
            c => Replace(c, "ChurnDeployments.cs", TestSources.ChurnDeployments.Replace("namespace ChurnSample;", "namespace ChurnSample;\n\n// moved down\n", StringComparison.Ordinal)),
            TestSources.ChurnMonitored);

        AssertReasons(result, Steps.DeploymentSpecs, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.DeploymentCollection, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.DeploymentChecks, IncrementalStepRunReason.Modified);
        AssertReasons(result, Steps.DeploymentDiagnostics, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.PipelineOutputs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.DoesNotContain(Reasons(result, SourceOutput), r => r == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Adding_a_monitor_modifies_only_the_pipeline_output()
    {
        var result = RunTwice(c => c.AddSyntaxTrees(GeneratorTestHelper.Parse(TestSources.ChurnMonitor, "ChurnMonitor.cs")));

        Assert.Equal(new[] { IncrementalStepRunReason.New }, Reasons(result, Steps.MonitorSpecs));
        AssertReasons(result, Steps.MonitorCollection, IncrementalStepRunReason.Modified);
        AssertReasons(result, Steps.MonitoredModels, IncrementalStepRunReason.Modified);
        AssertReasons(result, Steps.MonitorChecks, IncrementalStepRunReason.Modified);
        AssertReasons(result, Steps.MonitorDiagnostics, IncrementalStepRunReason.Unchanged); // still none
        AssertReasons(result, Steps.DeploymentDiagnostics, IncrementalStepRunReason.Unchanged); // no deployment: still none
        AssertReasons(result, Steps.PipelineOutputs, IncrementalStepRunReason.Modified);
        AssertReasons(result, Steps.PipelineRegistry, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.FeatureSetOutputs, IncrementalStepRunReason.Cached);
        AssertReasons(result, Steps.ModelSpecs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);

        // Only the pipeline's file is re-emitted.
        Assert.Single(Reasons(result, SourceOutput), r => r == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Monitoring_a_deployed_model_clears_its_warning_and_modifies_only_the_pipeline_output()
    {
        var result = RunTwice(c => c.AddSyntaxTrees(GeneratorTestHelper.Parse(TestSources.ChurnMonitor, "ChurnMonitor.cs")), TestSources.ChurnDeployed);

        AssertReasons(result, Steps.DeploymentSpecs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.DeploymentChecks, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.DeploymentDiagnostics, IncrementalStepRunReason.Modified); // PDSL223 gone
        AssertReasons(result, Steps.PipelineOutputs, IncrementalStepRunReason.Modified);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "PDSL223");

        // Re-emitted: the pipeline's file, and the deployments' diagnostics (now none).
        Assert.Equal(2, Reasons(result, SourceOutput).Count(r => r == IncrementalStepRunReason.Modified));
    }

    [Fact]
    public void Moving_a_monitor_re_runs_its_checks_but_leaves_the_pipeline_cached()
    {
        var result = RunTwice(
            c => Replace(c, "ChurnMonitor.cs", TestSources.ChurnMonitor.Replace("namespace ChurnSample;", "namespace ChurnSample;\n\n// moved down\n", StringComparison.Ordinal)),
            TestSources.ChurnMonitored);

        AssertReasons(result, Steps.MonitorSpecs, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.MonitorCollection, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.MonitoredModels, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.MonitorChecks, IncrementalStepRunReason.Modified);
        AssertReasons(result, Steps.MonitorDiagnostics, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.DeploymentDiagnostics, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.PipelineOutputs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.DoesNotContain(Reasons(result, SourceOutput), r => r == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Compiling_the_same_source_twice_gives_equal_models()
    {
        var first = Run(GeneratorTestHelper.CreateCompilation(TestSources.Churn));
        var second = Run(GeneratorTestHelper.CreateCompilation(TestSources.Churn));

        foreach (var step in new[] { Steps.DatasetSpecs, Steps.FeatureSetSpecs, Steps.ModelSpecs, Steps.GateSpecs, Steps.PipelineOutputs })
        {
            var a = Assert.Single(first.TrackedSteps[step].SelectMany(s => s.Outputs)).Value;
            var b = Assert.Single(second.TrackedSteps[step].SelectMany(s => s.Outputs)).Value;
            Assert.NotSame(a, b);
            Assert.Equal(a, b);
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }

        var monitored = Run(GeneratorTestHelper.CreateCompilation(TestSources.ChurnMonitored));
        var again = Run(GeneratorTestHelper.CreateCompilation(TestSources.ChurnMonitored));
        foreach (var step in new[] { Steps.MonitorSpecs, Steps.MonitorCollection, Steps.PipelineOutputs })
        {
            var a = Assert.Single(monitored.TrackedSteps[step].SelectMany(s => s.Outputs)).Value;
            var b = Assert.Single(again.TrackedSteps[step].SelectMany(s => s.Outputs)).Value;
            Assert.NotSame(a, b);
            Assert.Equal(a, b);
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }
    }

    private static GeneratorRunResult RunTwice(Func<Compilation, Compilation> edit, (string Path, string Source)[]? sources = null)
    {
        var compilation = GeneratorTestHelper.CreateCompilation(sources ?? TestSources.Churn);
        var driver = GeneratorTestHelper.CreateDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(edit(compilation));
        return driver.GetRunResult().Results[0];
    }

    private static GeneratorRunResult Run(Compilation compilation) =>
        GeneratorTestHelper.CreateDriver().RunGenerators(compilation).GetRunResult().Results[0];

    private static Compilation Replace(Compilation compilation, string path, string source)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, GeneratorTestHelper.Parse(source, path));
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step)
    {
        Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
        return result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
    }

    private static string Dump(GeneratorRunResult result) =>
        string.Join("\n", result.TrackedSteps.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => $"  {s.Key}: {string.Join(", ", s.Value.SelectMany(r => r.Outputs).Select(o => o.Reason))}"));

    private static void AssertReasons(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        var reasons = Reasons(result, step);
        Assert.NotEmpty(reasons);

        Assert.True(
            reasons.All(allowed.Contains),
            $"step {step}: expected only {string.Join("/", allowed)}, got {string.Join(", ", reasons)}\n" + Dump(result));
    }
}
