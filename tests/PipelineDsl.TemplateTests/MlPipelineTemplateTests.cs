using PipelineDsl.TestSupport;
namespace PipelineDsl.TemplateTests;

/// <summary>`dotnet new mlpipeline`, instantiated from the packed template pack and built against the packed PipelineDsl.</summary>
public sealed class MlPipelineTemplateTests(TemplateFeed feed) : IClassFixture<TemplateFeed>
{
    [Theory]
    [InlineData("binary", "LightGbm")]
    [InlineData("binary", "FastTree")]
    [InlineData("regression", "LightGbm")]
    [InlineData("regression", "FastTree")]
    public void Every_combination_builds_warning_free_runs_registers_and_its_tests_pass(string task, string trainer)
    {
        var name = $"Demo{(task == "binary" ? "Churn" : "Houses")}{trainer}";
        var folder = feed.Instantiate(name, "--task", task, "--trainer", trainer);

        Assert.Contains($"Version=\"{feed.Version}\"", File.ReadAllText(Path.Combine(folder, name + ".csproj")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "data", "dataset.csv")));
        Assert.True(File.Exists(Path.Combine(folder, "README.md")));
        Assert.Contains(trainer == "FastTree" ? "Trainer.FastTree" : "Trainer.LightGbm", File.ReadAllText(Path.Combine(folder, "Model.cs")), StringComparison.Ordinal);

        // The tests project references the pipeline project: building it builds both, warnings as errors.
        var build = Dotnet.Run(folder, "build", "tests", "-warnaserror", "-nologo", "-clp:NoSummary");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain(": warning ", build.Output, StringComparison.Ordinal);

        var run = Dotnet.Run(folder, "run", "--no-build", "--", "run");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("registered", run.Output, StringComparison.Ordinal);

        var test = Dotnet.Run(folder, "test", "tests", "--no-build", "-nologo");
        Assert.True(test.ExitCode == 0, test.Output);
        Assert.Contains("Passed!", test.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("binary", "Customer", "r.Churn ? 1 : 0")]
    [InlineData("regression", "House", "r.SalePrice")]
    public void A_feature_that_reads_the_label_fails_the_build_with_PDSL001_and_its_help_link(string task, string row, string leak)
    {
        var name = $"Leaky{(task == "binary" ? "Churn" : "Houses")}";
        var folder = feed.Instantiate(name, "--task", task);
        var features = Path.Combine(folder, "Features.cs");
        var source = File.ReadAllText(features);
        var end = source.LastIndexOf('}');
        File.WriteAllText(features, source[..end] + $"    [Feature] public static float Leak({row} r) => {leak};\n" + source[end..]);

        var build = Dotnet.Run(folder, "build", "-nologo", "-clp:NoSummary");

        Assert.NotEqual(0, build.ExitCode); // the template treats warnings as errors
        Assert.Contains("PDSL001", build.Output, StringComparison.Ordinal);
        Assert.Contains("docs/diagnostics/PDSL001.md", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_data_option_copies_another_csv_in_as_the_dataset()
    {
        var csv = Path.Combine(TemplateFeed.RepositoryRoot, "samples", "ChurnPrediction", "data", "churn.csv");
        var folder = feed.Instantiate("FullChurn", "--data", csv);
        Assert.False(File.Exists(Path.Combine(folder, "data", "dataset.csv")));

        var build = Dotnet.Run(folder, "build", "-warnaserror", "-nologo", "-clp:NoSummary");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Equal(File.ReadAllBytes(csv), File.ReadAllBytes(Path.Combine(folder, "data", "dataset.csv")));

        var run = Dotnet.Run(folder, "run", "--no-build", "--", "run");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("registered", run.Output, StringComparison.Ordinal);
    }
}
