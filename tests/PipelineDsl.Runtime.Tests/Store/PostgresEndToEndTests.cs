using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Store;

/// <summary>The synthetic pipeline end to end against a PostgreSQL store (the server from PIPELINEDSL_TEST_POSTGRES).</summary>
public sealed class PostgresEndToEndTests
{
    [Fact]
    public async Task The_synthetic_pipeline_runs_caches_promotes_and_shares_the_store_between_writers()
    {
        using var temp = new TestStore(StoreProvider.Postgres);
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var options = new PipelineRunOptions { StorePath = temp.Store, SourceSearchPaths = [temp.Path] };
        var pipeline = SyntheticPipeline.Create("data.csv");

        var first = await pipeline.RunAsync(options);
        Assert.True(first.Status == PipelineRunStatus.Succeeded, first.Message);
        var second = await pipeline.RunAsync(options);
        Assert.True(second.Status == PipelineRunStatus.Succeeded, second.Message);
        Assert.Equal(9, second.CachedNodes);
        Assert.Equal(first.ModelVersion, second.ModelVersion);

        using (var store = PipelineStore.Open(temp.Store))
        {
            Assert.Equal("postgresql", store.Provider);
            Assert.DoesNotContain("Password", store.StorePath, StringComparison.OrdinalIgnoreCase);
            Assert.All(store.GetRun(second.RunId)!.Nodes, n => Assert.Equal("cached", n.Status));
            var version = Assert.Single(store.ListModelVersions());
            Assert.True(store.Artifacts.Contains(version.ArtifactHash));
            Assert.StartsWith(Path.GetFullPath(temp.Combine(".mlpipeline")), store.Artifacts.Root, StringComparison.Ordinal);

            var promoted = store.Promote(version.Name, version.Version, ModelStages.Production, "ci", "alice: end-to-end test");
            Assert.Equal(ModelStages.Production, promoted.Stage);
            Assert.Equal("alice", Assert.Single(store.ListAudit(version.Name)).Actor);
        }

        // Two store instances (two connections, as two processes would have) register versions at once.
        const int perWriter = 10;
        var start = new ManualResetEventSlim();
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            using var store = PipelineStore.Open(temp.Store);
            var runId = store.CreateRun("concurrent");
            start.Wait();
            return Enumerable.Range(0, perWriter)
                .Select(_ => store.RegisterModelVersion("concurrent", runId, new string('f', 64), new Dictionary<string, string> { ["writer"] = w.ToString() }))
                .ToList();
        })).ToArray();
        start.Set();
        var all = (await Task.WhenAll(writers)).SelectMany(v => v).ToList();
        Assert.Equal(Enumerable.Range(1, 2 * perWriter), all.Order());

        using var check = PipelineStore.Open(temp.Store);
        Assert.Equal(2 * perWriter, check.ListModelVersions("concurrent").Count);
    }

    [Theory]
    [InlineData("postgres://u:secret@db.example:6543/ml", true)]
    [InlineData("postgresql://u@db/ml?sslmode=disable", true)]
    [InlineData("Host=db;Database=ml;Username=u;Password=secret", true)]
    [InlineData("/var/stores/.mlpipeline", false)]
    [InlineData("relative/store", false)]
    public void Store_locations_are_told_apart(string location, bool server)
    {
        Assert.Equal(server, PipelineStore.IsServerLocation(location));
        Assert.Equal(server, location != PipelineStore.WithArtifacts(location, "/tmp/artifacts"));
        Assert.DoesNotContain("secret", PipelineStore.Describe(location), StringComparison.Ordinal);
    }

    [Fact]
    public void A_uri_with_an_artifacts_folder_is_described_without_its_password()
    {
        var location = PipelineStore.WithArtifacts("postgres://u:secret@db.example:6543/ml", "/tmp/pdsl artifacts");
        Assert.Contains("artifacts=", location, StringComparison.Ordinal);
        Assert.Equal("postgresql://u@db.example:6543/ml", PipelineStore.Describe(location));
    }
}
