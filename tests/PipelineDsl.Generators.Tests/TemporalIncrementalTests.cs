using Microsoft.CodeAnalysis;
using PipelineDsl.Generators.Tests.Infrastructure;
using Steps = PipelineDsl.Generators.PipelineGeneratorStepNames;

namespace PipelineDsl.Generators.Tests;

/// <summary>
/// Step-state tests for the point-in-time checks (<see cref="Steps.FeatureSetChecks"/>, <see cref="Steps.TemporalDiagnostics"/>):
/// they stay cached when nothing they read changes, and follow an edit of a joined dataset that lives in another file.
/// </summary>
public sealed class TemporalIncrementalTests
{
    private const string SourceOutput = "SourceOutput";

    [Fact]
    public void Adding_an_unrelated_file_leaves_the_temporal_checks_cached()
    {
        var (result, _) = RunTwice(c => c.AddSyntaxTrees(GeneratorTestHelper.Parse("namespace Other; public class Unrelated { }", "Unrelated.cs")));

        AssertReasons(result, Steps.FeatureSetChecks, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.TemporalDiagnostics, IncrementalStepRunReason.Cached);
        AssertReasons(result, Steps.FeatureSetOutputs, IncrementalStepRunReason.Cached);
        AssertReasons(result, Steps.PipelineOutputs, IncrementalStepRunReason.Cached);
        AssertReasons(result, SourceOutput, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Changing_a_feature_body_keeps_the_temporal_diagnostics_unchanged()
    {
        var edited = Edit(TemporalTestSources.TripFeatures, "=> trip.Fare;", "=> trip.Fare * 2f;");

        var (result, diagnostics) = RunTwice(c => Replace(c, "TripFeatures.cs", edited));

        AssertReasons(result, Steps.FeatureSetChecks, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.TemporalDiagnostics, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.FeatureSetOutputs, IncrementalStepRunReason.Modified);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Removing_the_timestamp_of_a_joined_dataset_in_its_own_file_reports_PDSL213()
    {
        var edited = Edit(TemporalTestSources.Weather, ", Timestamp = nameof(Day)", "");

        var (result, diagnostics) = RunTwice(c => Replace(c, "Weather.cs", edited));

        AssertReasons(result, Steps.DatasetSpecs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Modified);
        AssertReasons(result, Steps.FeatureSetChecks, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Steps.TemporalDiagnostics, IncrementalStepRunReason.Modified);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("PDSL213", diagnostic.Id);
        Assert.Equal("TripFeatures.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(
            "As-of join of 'Weather' in feature set 'TripFeatures' is invalid: dataset 'Weather' declares no Timestamp, so 'the latest row at or before' is undefined",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        // The feature set and the pipeline are no longer emitted.
        Assert.Contains(Reasons(result, Steps.FeatureSetOutputs), r => r == IncrementalStepRunReason.Removed);
        Assert.Contains(Reasons(result, Steps.PipelineOutputs), r => r == IncrementalStepRunReason.Removed);
    }

    [Fact]
    public void Removing_the_key_of_the_entity_dataset_reports_PDSL212_for_every_window_and_keeps_the_keyed_join()
    {
        var edited = Edit(TemporalTestSources.Trip, "[Key] public string Rider", "public string Rider");

        var (_, diagnostics) = RunTwice(c => Replace(c, "Trip.cs", edited));

        Assert.Equal(10, diagnostics.Count(d => d.Id == "PDSL212"));
        Assert.All(diagnostics.Where(d => d.Id == "PDSL212"), d => Assert.EndsWith("dataset 'Trip' declares no [Key] member to group the entity's rows by", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(10, diagnostics.Length); // the keyed join needs only a member named like the joined key, not a [Key]
    }

    private static (GeneratorRunResult Result, Diagnostic[] Diagnostics) RunTwice(Func<Compilation, Compilation> edit)
    {
        var compilation = GeneratorTestHelper.CreateCompilation(TemporalTestSources.All);
        var driver = GeneratorTestHelper.CreateDriver().RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        driver = driver.RunGenerators(edit(compilation));
        var result = driver.GetRunResult();
        return (result.Results[0], result.Diagnostics.ToArray());
    }

    private static Compilation Replace(Compilation compilation, string path, string source)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, GeneratorTestHelper.Parse(source, path));
    }

    private static string Edit(string source, string from, string to)
    {
        Assert.Contains(from, source, StringComparison.Ordinal);
        return source.Replace(from, to, StringComparison.Ordinal);
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step)
    {
        Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
        return result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
    }

    private static void AssertReasons(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        var reasons = Reasons(result, step);
        Assert.NotEmpty(reasons);
        Assert.True(
            reasons.All(allowed.Contains),
            $"step {step}: expected only {string.Join("/", allowed)}, got {string.Join(", ", reasons)}\n"
            + string.Join("\n", result.TrackedSteps.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"  {s.Key}: {string.Join(", ", s.Value.SelectMany(r => r.Outputs).Select(o => o.Reason))}")));
    }
}
