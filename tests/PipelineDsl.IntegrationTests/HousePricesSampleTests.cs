using System.Text.Json;
using HousePrices;

namespace PipelineDsl.IntegrationTests;

/// <summary>The Ames regression sample, end to end, through the CLI.</summary>
public sealed class HousePricesSampleTests
{
    [Fact]
    public async Task Run_passes_the_r2_gate_and_registers_a_version()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine(".mlpipeline");
        var run = await CliRunner.RunAsync(HousePricesPipeline.Definition, "run", "--store", store, "--source", "ames=" + SampleData.Ames);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("gate passed r2 >= 0.85", run.All, StringComparison.Ordinal);

        var models = await CliRunner.RunAsync(HousePricesPipeline.Definition, "models", "--json", "--store", store);
        using var json = JsonDocument.Parse(models.Output);
        var version = Assert.Single(json.RootElement.EnumerateArray());
        Assert.True(version.GetProperty("metrics").GetProperty("r2").GetDouble() >= 0.85);
    }
}
