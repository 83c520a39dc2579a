using ChicagoRidership;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.IntegrationTests;

/// <summary>The Chicago ridership sample end to end: three datasets, windows, as-of joins, a 4-fold backtest and its gates.</summary>
public sealed class ChicagoRidershipSampleTests
{
    [Fact]
    public async Task Run_backtests_four_folds_passes_every_gate_and_registers_the_online_state()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine(".mlpipeline");
        var run = await CliRunner.RunAsync(
            RidershipPipeline.Definition,
            "run", "--store", store,
            "--source", "station_days=" + SampleData.StationDays,
            "--source", "weather=" + SampleData.Weather,
            "--source", "network=" + SampleData.Network);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("backtest:RidershipModel", run.All, StringComparison.Ordinal);
        Assert.Contains("4 folds", run.All, StringComparison.Ordinal);
        Assert.Contains("3/3 rules passed", run.All, StringComparison.Ordinal);
        Assert.Contains("worst fold r2 >= ", run.All, StringComparison.Ordinal);

        using var pipelineStore = new PipelineStore(store);
        var details = pipelineStore.GetRun(Assert.Single(pipelineStore.ListRuns()).Id)!;

        // One metric per fold (step 1..4) and their spread, stored with the run.
        Assert.Equal([1, 2, 3, 4], details.Metrics.Where(m => m.Key == "backtest.r2").Select(m => m.Step).Order());
        Assert.Contains(details.Metrics, m => m.Key == "backtest.r2.std" && m.Value >= 0);
        var worst = details.Metrics.Single(m => m.Key == "backtest.r2.worst").Value;
        Assert.Equal(details.Metrics.Where(m => m.Key == "backtest.r2").Min(m => m.Value), worst);

        // The joins are reported; the version's lineage names every dataset snapshot and the window state.
        Assert.Contains(details.Metrics, m => m.Key == "join.weather.matched" && m.Value > 100_000);
        var version = pipelineStore.GetModelVersion("chicago-ridership")!;
        Assert.True(pipelineStore.Artifacts.Contains(version.Lineage["online_state"]));
        Assert.True(pipelineStore.Artifacts.Contains(version.Lineage["joined.weather.data_hash"]));
        Assert.True(pipelineStore.Artifacts.Contains(version.Lineage["joined.network.data_hash"]));
        Assert.Equal(RidershipFeatures.FeatureSetHash, version.Lineage["feature_set_hash"]);
    }
}
