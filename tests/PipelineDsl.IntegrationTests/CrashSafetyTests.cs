using Microsoft.Data.Sqlite;
using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.IntegrationTests;

/// <summary>
/// Faults injected for real into the churn sample running as its own process: SIGKILL at a node, two processes on one
/// store, a source file locked by another writer. After each, the store must be whole: one version per completed run,
/// every metric kept, no artifact that nothing references, no temporary file left.
/// </summary>
public sealed class CrashSafetyTests
{
    private static readonly string Churn = SampleProcess.SampleDll("ChurnPrediction");

    public static TheoryData<string> KillPoints() =>
    [
        "node:ingest:churn:start",
        "node:features:ChurnFeatures:end",
        "node:train:ChurnModel:start",
        "node:train:ChurnModel:end",
        "node:evaluate:ChurnModel:end",
        "node:register:churn:start",
    ];

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task Killed_at_a_node_then_resumed_completes_with_one_version_and_no_orphan_artifact(string point)
    {
        using var temp = new TempDirectory();
        var store = temp.Combine("store");
        using (var doomed = SampleProcess.Start(Churn, ["run", "--store", store], new Dictionary<string, string> { [Failpoints.EnvironmentVariable] = point + "=hang" }))
        {
            Assert.True(await doomed.WaitForOutputAsync($"failpoint {point} reached", TimeSpan.FromMinutes(2)), doomed.Output);
            await doomed.KillAsync();
        }

        var (code, output) = await SampleProcess.RunAsync(Churn, ["run", "--resume", "--store", store]);

        Assert.True(code == 0, output);
        using var pipelineStore = new PipelineStore(store);
        var run = Assert.Single(pipelineStore.ListRuns("churn"));
        Assert.Equal("succeeded", run.Status);
        var version = Assert.Single(pipelineStore.ListModelVersions("churn"));
        Assert.Equal(run.Id, version.RunId);
        Assert.True(version.Metrics["auc"] >= 0.9);
        Assert.Empty(pipelineStore.RemoveUnreferencedArtifacts(dryRun: true).Hashes);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(store, "artifacts"), "*.tmp", SearchOption.AllDirectories));
        Assert.All(pipelineStore.GetRun(run.Id)!.Nodes, n => Assert.Contains(n.Status, new[] { "completed", "cached" }));
    }

    [Fact]
    public async Task Ctrl_c_during_training_cancels_cleanly_and_the_next_run_reuses_what_completed()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine("store");
        int code;
        string output;
        using (var run = SampleProcess.Start(Churn, ["run", "--store", store], new Dictionary<string, string> { [Failpoints.EnvironmentVariable] = "node:train:ChurnModel:start=hang" }))
        {
            Assert.True(await run.WaitForOutputAsync("failpoint node:train:ChurnModel:start reached", TimeSpan.FromMinutes(2)), run.Output);
            await run.InterruptAsync();
            code = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
            output = run.Output;
        }

        Assert.True(code == 130, output);
        using (var pipelineStore = new PipelineStore(store))
        {
            var cancelled = Assert.Single(pipelineStore.ListRuns("churn"));
            Assert.Equal("cancelled", cancelled.Status);
            Assert.Empty(pipelineStore.ListModelVersions("churn"));
            Assert.Null(pipelineStore.FindInterruptedRun("churn"));
            Assert.Empty(pipelineStore.RemoveUnreferencedArtifacts(dryRun: true).Hashes);
        }

        var (next, nextOutput) = await SampleProcess.RunAsync(Churn, ["run", "--store", store]);

        Assert.True(next == 0, nextOutput);
        Assert.Contains("cached features:ChurnFeatures", nextOutput);
        Assert.Contains("done train:ChurnModel", nextOutput);
    }

    [Fact]
    public async Task Resume_without_an_interrupted_run_is_a_usage_error()
    {
        using var temp = new TempDirectory();

        var (code, output) = await SampleProcess.RunAsync(Churn, ["run", "--resume", "--store", temp.Combine("store")]);

        Assert.Equal(64, code);
        Assert.Contains("no interrupted run to resume", output);
    }

    [Fact]
    public async Task Two_processes_running_on_one_store_lose_nothing()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine("store");

        using var first = SampleProcess.Start(Churn, ["run", "--force", "--store", store]);
        using var second = SampleProcess.Start(Churn, ["run", "--force", "--store", store]);
        var codes = await Task.WhenAll(first.WaitForExitAsync(TimeSpan.FromMinutes(3)), second.WaitForExitAsync(TimeSpan.FromMinutes(3)));

        Assert.True(codes.All(c => c == 0), first.Output + "\n---\n" + second.Output);
        using var pipelineStore = new PipelineStore(store);
        Assert.Equal([1, 2], pipelineStore.ListModelVersions("churn").Select(v => v.Version).Order());
        var runs = pipelineStore.ListRuns("churn");
        Assert.Equal(2, runs.Count);
        var keys = runs.Select(r => pipelineStore.GetRun(r.Id)!.Metrics.Where(m => m.Step == 0).Select(m => m.Key).Order(StringComparer.Ordinal).ToArray()).ToArray();
        Assert.Equal(keys[0], keys[1]);
        Assert.Contains("auc", keys[0]);
        Assert.Contains("calibration_error", keys[0]);
        Assert.True(keys[0].Length > 30, "slice and fairness metrics are kept too");
        Assert.Empty(pipelineStore.RemoveUnreferencedArtifacts(dryRun: true).Hashes);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(store, PipelineStore.DatabaseFileName)}");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar());
    }

    [Fact]
    public async Task A_source_file_locked_by_another_writer_is_retried_until_it_is_released()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("churn.csv");
        File.Copy(Path.Combine(Path.GetDirectoryName(Churn)!, "data", "churn.csv"), data);

        string output;
        int code;
        using (var locked = new FileStream(data, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var run = SampleProcess.RunAsync(Churn, ["run", "--source", "churn=" + data, "--store", temp.Combine("store")]);
            await Task.Delay(1500);
            Assert.False(run.IsCompleted, "The run should be waiting for the lock");
            await locked.DisposeAsync();
            (code, output) = await run;
        }

        Assert.True(code == 0, output);
        Assert.Contains("registered churn v1", output);
    }
}
