using System.Text.Json;
using ChurnPrediction;
using PipelineDsl.Hosting;
using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.IntegrationTests;

/// <summary>
/// <c>step NODE</c> on the churn sample, as a container executor uses it: every node its own CLI invocation sharing one
/// run id and the store, which ends as the same registered model as one <c>run</c>.
/// </summary>
public sealed class StepCliTests
{
    [Fact]
    public async Task Every_node_as_its_own_step_registers_what_a_run_registers_in_one_run()
    {
        using var temp = new TempDirectory();
        var stepped = temp.Combine("stepped");
        var whole = temp.Combine("whole");
        const string runId = "argo-churn-1";

        var order = ChurnPipeline.Definition.Graph.TopologicalOrder;
        foreach (var node in order)
        {
            var step = await Cli("step", node, "--store", stepped, "--run", runId, "--source", "churn=" + SampleData.Churn);
            Assert.True(step.ExitCode == ExitCodes.Success, step.All);
            Assert.Matches($@"(?m)^done\s+{System.Text.RegularExpressions.Regex.Escape(node)}\s", step.Console);
            foreach (var other in order.Where(o => o != node))
            {
                Assert.DoesNotMatch($@"(?m)^(done|cached)\s+{System.Text.RegularExpressions.Regex.Escape(other)}\s", step.Console);
            }
        }

        var run = await Cli("run", "--store", whole, "--source", "churn=" + SampleData.Churn);
        Assert.True(run.ExitCode == ExitCodes.Success, run.All);

        var steppedVersion = LatestVersion(stepped);
        var wholeVersion = LatestVersion(whole);
        Assert.Equal(runId, steppedVersion.RunId);
        var metrics = wholeVersion.Metrics.Keys.Where(k => !ReproductionResult.TimingMetrics.Contains(k)).ToArray();
        Assert.Contains("auc", metrics);
        Assert.Equal(metrics.Order(StringComparer.Ordinal), steppedVersion.Metrics.Keys.Where(k => !ReproductionResult.TimingMetrics.Contains(k)).Order(StringComparer.Ordinal));
        Assert.All(metrics, m => Assert.Equal(wholeVersion.Metrics[m], steppedVersion.Metrics[m]));

        var runs = await Cli("runs", "--json", "--store", stepped);
        Assert.True(runs.ExitCode == 0, runs.All);
        using var json = JsonDocument.Parse(runs.Output);
        var only = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(runId, only.GetProperty("id").GetString());
        Assert.Equal("succeeded", only.GetProperty("status").GetString());
        var nodes = only.GetProperty("nodes").EnumerateArray().ToArray();
        Assert.Equal(order.Count, nodes.Length);
        Assert.Equal(0, only.GetProperty("cachedNodes").GetInt32());
    }

    [Fact]
    public async Task A_step_whose_ancestors_are_not_cached_fails_and_names_them_in_order()
    {
        using var temp = new TempDirectory();
        var result = await Cli("step", "train:ChurnModel", "--store", temp.Combine("store"), "--source", "churn=" + SampleData.Churn);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        var ancestors = ChurnPipeline.Definition.Graph.AncestorsOf("train:ChurnModel");
        var inOrder = ChurnPipeline.Definition.Graph.TopologicalOrder.Where(ancestors.Contains).ToArray();
        Assert.Contains("ingest:churn", inOrder);
        Assert.Contains("run these steps first, in order: " + string.Join(", ", inOrder), result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("done ", result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_node_is_a_usage_error_listing_the_nodes()
    {
        using var temp = new TempDirectory();
        var result = await Cli("step", "nope:Nothing", "--store", temp.Combine("store"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("nope:Nothing", result.All, StringComparison.Ordinal);
        Assert.All(ChurnPipeline.Definition.Graph.TopologicalOrder, id => Assert.Contains(id, result.All, StringComparison.Ordinal));
    }

    private static ModelVersionRecord LatestVersion(string store)
    {
        using var pipelineStore = new PipelineStore(store);
        return pipelineStore.ListModelVersions("churn").OrderByDescending(v => v.Version).First();
    }

    private static Task<CliRunner.CliResult> Cli(params string[] args) => CliRunner.RunAsync(ChurnPipeline.Definition, args);
}
