using PipelineDsl.Analyzers.Tests.Infrastructure;

namespace PipelineDsl.Analyzers.Tests;

/// <summary>The three samples are realistic, correct pipelines: the analyzers must report nothing on them.</summary>
public sealed class SampleTests
{
    [Theory]
    [InlineData("ChurnPrediction")]
    [InlineData("HousePrices")]
    [InlineData("ChicagoRidership")]
    public void Sample_sources_produce_no_analyzer_diagnostics(string sample)
    {
        var folder = Path.Combine(AnalyzerTestHelper.RepositoryRoot(), "samples", sample);
        var sources = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && Path.GetFileName(p) != "Program.cs")
            .Order(StringComparer.Ordinal)
            .Select(p => (Path.GetFileName(p), File.ReadAllText(p)))
            .ToArray();

        Assert.NotEmpty(sources);
        var diagnostics = AnalyzerTestHelper.Analyze(sources);
        Assert.Empty(diagnostics.Select(d => d.ToString()));
    }
}
