using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Execution;

/// <summary>
/// The step cache: a node runs again only when its code version, config or inputs changed; everything else is restored
/// from the store and reported <c>cached</c>.
/// </summary>
public sealed class StepCacheTests
{
    private static readonly string[] Upstream = ["ingest:Synthetic", "validate:Synthetic", "snapshot:Synthetic", "split:Synthetic"];

    private static readonly string[] FeaturesAndDownstream =
        ["features:SyntheticFeatures", "train:SyntheticModel", "evaluate:SyntheticModel", "gate:SyntheticModel", "register:SyntheticPipeline"];

    private static PipelineRunOptions Options(TestStore temp) => new()
    {
        StorePath = temp.Combine(".mlpipeline"),
        SourceSearchPaths = [temp.Path],
    };

    private static Dictionary<string, string> NodeStatuses(PipelineRunOptions options, string runId)
    {
        using var store = new PipelineStore(options.StorePath);
        return store.GetRun(runId)!.Nodes.ToDictionary(n => n.NodeId, n => n.Status, StringComparer.Ordinal);
    }

    [Theory]
    [StoreProviders]
    public async Task Rerun_with_nothing_changed_restores_every_node_and_registers_nothing_new(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var pipeline = SyntheticPipeline.Create("data.csv");
        var first = await pipeline.RunAsync(Options(temp));
        Assert.Equal(PipelineRunStatus.Succeeded, first.Status);

        var second = await pipeline.RunAsync(Options(temp));

        Assert.Equal(PipelineRunStatus.Succeeded, second.Status);
        Assert.Equal(9, second.CachedNodes);
        Assert.Equal(first.ModelVersion, second.ModelVersion);
        Assert.Equal(first.Metrics, second.Metrics);
        Assert.StartsWith("Up to date: every node cached", second.Message);
        Assert.All(NodeStatuses(Options(temp), second.RunId).Values, status => Assert.Equal("cached", status));
        using var store = new PipelineStore(Options(temp).StorePath);
        Assert.Single(store.ListModelVersions());
        var run = store.GetRun(second.RunId)!;
        Assert.Equal(first.Metrics.Count, run.Metrics.Count);
        Assert.Equal("8", run.Params["hp.Leaves"]);
        Assert.True(Assert.Single(run.Gates).Passed);
        Assert.Equal(store.GetRun(first.RunId)!.Run.DataHash, run.Run.DataHash);
    }

    [Theory]
    [StoreProviders]
    public async Task Changing_the_feature_set_reruns_only_the_features_and_what_is_downstream_of_them(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        Assert.Equal(PipelineRunStatus.Succeeded, (await SyntheticPipeline.Create("data.csv").RunAsync(Options(temp))).Status);

        var edited = await SyntheticPipeline.Create("data.csv", featureSetHash: "feature-set-hash-2").RunAsync(Options(temp));

        Assert.Equal(PipelineRunStatus.Succeeded, edited.Status);
        Assert.Equal(2, edited.ModelVersion);
        var statuses = NodeStatuses(Options(temp), edited.RunId);
        Assert.All(Upstream, id => Assert.Equal("cached", statuses[id]));
        Assert.All(FeaturesAndDownstream, id => Assert.Equal("completed", statuses[id]));
        Assert.Equal(Upstream.Length, edited.CachedNodes);
    }

    [Theory]
    [StoreProviders]
    public async Task Changing_a_gate_reruns_the_gate_and_registration_but_not_training(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var first = await SyntheticPipeline.Create("data.csv").RunAsync(Options(temp));

        var stricter = await SyntheticPipeline.Create("data.csv", gates: [new(Metric.Auc, GateComparison.AtLeast, 0.85)]).RunAsync(Options(temp));

        var statuses = NodeStatuses(Options(temp), stricter.RunId);
        Assert.Equal("cached", statuses["train:SyntheticModel"]);
        Assert.Equal("cached", statuses["evaluate:SyntheticModel"]);
        Assert.Equal("completed", statuses["gate:SyntheticModel"]);
        Assert.Equal("completed", statuses["register:SyntheticPipeline"]);
        Assert.Equal(first.Metrics, stricter.Metrics);
        using var store = new PipelineStore(Options(temp).StorePath);
        Assert.Equal(store.GetModelVersion(SyntheticPipeline.Name, 1)!.ArtifactHash, store.GetModelVersion(SyntheticPipeline.Name, 2)!.ArtifactHash);
    }

    [Theory]
    [StoreProviders]
    public async Task New_data_reruns_everything(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var pipeline = SyntheticPipeline.Create("data.csv");
        await pipeline.RunAsync(Options(temp));
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"), seed: 2);

        var rerun = await pipeline.RunAsync(Options(temp));

        Assert.Equal(PipelineRunStatus.Succeeded, rerun.Status);
        Assert.Equal(0, rerun.CachedNodes);
        Assert.All(NodeStatuses(Options(temp), rerun.RunId).Values, status => Assert.Equal("completed", status));
    }

    [Theory]
    [StoreProviders]
    public async Task Force_ignores_the_cache(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var pipeline = SyntheticPipeline.Create("data.csv");
        await pipeline.RunAsync(Options(temp));

        var forced = await pipeline.RunAsync(Options(temp) with { Force = true });

        Assert.Equal(0, forced.CachedNodes);
        Assert.Equal(2, forced.ModelVersion);
    }

    [Theory]
    [StoreProviders]
    public async Task A_cache_entry_whose_artifact_is_gone_is_not_used(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        await SyntheticPipeline.Create("data.csv").RunAsync(Options(temp));
        var edited = SyntheticPipeline.Create("data.csv", featureSetHash: "feature-set-hash-2");
        using (var store = new PipelineStore(Options(temp).StorePath))
        {
            // The split's artifact is the one binary file of that size pattern: find it through its cache entry's run.
            var split = store.ListArtifactsOfNode("split:Synthetic").Single();
            File.Delete(store.Artifacts.PathOf(split));
        }

        var rerun = await edited.RunAsync(Options(temp));

        Assert.Equal(PipelineRunStatus.Succeeded, rerun.Status);
        var statuses = NodeStatuses(Options(temp), rerun.RunId);
        Assert.Equal("completed", statuses["split:Synthetic"]);
        Assert.Equal("cached", statuses["ingest:Synthetic"]);
    }

    [Theory]
    [StoreProviders]
    public async Task Unreferenced_artifacts_of_a_run_are_removed_when_it_finishes(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var options = Options(temp);
        string orphan;
        using (var store = new PipelineStore(options.StorePath))
        {
            // A run that stored an artifact and died before anything referenced it.
            var dead = store.CreateRun(SyntheticPipeline.Name);
            orphan = store.PutArtifact(dead, "half a model"u8.ToArray());
            Assert.True(store.Artifacts.Contains(orphan));
            store.FinishRun(dead, "failed", "killed");
            var (removed, bytes) = store.RemoveUnreferencedArtifacts(dead);
            Assert.Equal([orphan], removed);
            Assert.Equal(12, bytes);
            Assert.False(store.Artifacts.Contains(orphan));
        }

        var result = await SyntheticPipeline.Create("data.csv").RunAsync(options);

        using var after = new PipelineStore(options.StorePath);
        Assert.Equal(PipelineRunStatus.Succeeded, result.Status);
        Assert.Empty(after.RemoveUnreferencedArtifacts(dryRun: true).Hashes);
    }
}
