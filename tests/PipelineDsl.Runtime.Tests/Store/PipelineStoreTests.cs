using PipelineDsl.Runtime.Evaluation;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Store;

public class PipelineStoreTests
{
    [Fact]
    public void Schema_creation_is_idempotent_and_uses_wal()
    {
        using var temp = new TempDirectory();
        string runId;
        using (var store = new PipelineStore(temp.Path))
        {
            Assert.Equal(PipelineStore.SchemaVersion, store.GetSchemaVersion());
            runId = store.CreateRun("p");
        }

        using (var again = new PipelineStore(temp.Path))
        {
            Assert.Equal(PipelineStore.SchemaVersion, again.GetSchemaVersion());
            Assert.Single(again.ListRuns());
            Assert.Equal(runId, again.ListRuns()[0].Id);
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(temp.Path, "store.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)command.ExecuteScalar()!);
        command.CommandText = "SELECT COUNT(*) FROM schema_version";
        Assert.Equal(1L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public void Records_and_queries_a_run()
    {
        using var temp = new TempDirectory();
        using var store = new PipelineStore(temp.Path);
        var runId = store.CreateRun("churn");
        store.CreateRun("other");
        store.LogParams(runId, new Dictionary<string, string> { ["hp.Leaves"] = "31", ["split.seed"] = "42" });
        store.LogMetrics(runId, new Dictionary<string, double> { ["auc"] = 0.93, ["log_loss"] = double.NaN });
        store.RecordNode(runId, "ingest:d", "completed", 12, "5000 rows");
        var rule = new GateRule(Metric.Auc, GateComparison.AtLeast, 0.9);
        store.RecordGateResults(runId, [GateVerdict.Evaluate(rule, new Dictionary<string, double> { ["auc"] = 0.93 }, MlTask.BinaryClassification)]);
        store.SetRunDataHash(runId, new string('a', 64));
        store.FinishRun(runId, "succeeded", "ok");

        Assert.Equal(2, store.ListRuns().Count);
        var runs = store.ListRuns("churn");
        Assert.Single(runs);
        var details = store.GetRun(runId)!;
        Assert.Equal("succeeded", details.Run.Status);
        Assert.NotNull(details.Run.FinishedUtc);
        Assert.Equal(new string('a', 64), details.Run.DataHash);
        Assert.Equal("31", details.Params["hp.Leaves"]);
        Assert.Equal(0.93, details.Metrics.Single(m => m.Key == "auc").Value);
        Assert.True(double.IsNaN(details.Metrics.Single(m => m.Key == "log_loss").Value));
        var gate = Assert.Single(details.Gates);
        Assert.True(gate.Passed);
        Assert.Equal("auc", gate.Metric);
        Assert.Equal("auc >= 0.9", gate.Rule);
        Assert.Equal("5000 rows", Assert.Single(details.Nodes).Summary);
        Assert.Null(store.GetRun("nope"));
    }

    [Fact]
    public void Model_versions_with_metrics_and_lineage()
    {
        using var temp = new TempDirectory();
        using var store = new PipelineStore(temp.Path);
        var runId = store.CreateRun("churn");
        store.LogMetrics(runId, new Dictionary<string, double> { ["auc"] = 0.9 });
        var v1 = store.RegisterModelVersion("churn", runId, new string('b', 64), new Dictionary<string, string> { ["data_hash"] = "d1" });
        var v2 = store.RegisterModelVersion("churn", runId, new string('c', 64), new Dictionary<string, string> { ["data_hash"] = "d2" });
        var other = store.RegisterModelVersion("other", runId, new string('c', 64), []);
        Assert.Equal((1, 2, 1), (v1, v2, other));

        var latest = store.GetModelVersion("churn")!;
        Assert.Equal(2, latest.Version);
        Assert.Equal("none", latest.Stage);
        Assert.Equal("d2", latest.Lineage["data_hash"]);
        Assert.Equal(0.9, latest.Metrics["auc"]);
        Assert.Equal(new string('b', 64), store.GetModelVersion("churn", 1)!.ArtifactHash);
        Assert.Null(store.GetModelVersion("churn", 7));
        Assert.Equal(2, store.ListModelVersions("churn").Count);
        Assert.Equal(3, store.ListModelVersions().Count);
    }

    [Fact]
    public void Dataset_versions_are_recorded_once_per_hash()
    {
        using var temp = new TempDirectory();
        using var store = new PipelineStore(temp.Path);
        store.RecordDatasetVersion(new string('d', 64), "ds", "/x.csv", 10, "s");
        store.RecordDatasetVersion(new string('d', 64), "ds", "/y.csv", 10, "s");
        var version = Assert.Single(store.ListDatasetVersions());
        Assert.Equal("/x.csv", version.SourcePath);
    }

    [Fact]
    public async Task Concurrent_writers_with_their_own_connections_get_unique_versions()
    {
        using var temp = new TempDirectory();
        using (var init = new PipelineStore(temp.Path))
        {
            init.CreateRun("m");
        }

        const int writers = 6;
        const int perWriter = 8;
        var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            using var store = new PipelineStore(temp.Path);
            var runId = store.CreateRun("m");
            start.Wait();
            var versions = new List<int>();
            for (var i = 0; i < perWriter; i++)
            {
                versions.Add(store.RegisterModelVersion("m", runId, new string('e', 64), new Dictionary<string, string> { ["writer"] = w.ToString() }));
            }

            return versions;
        })).ToArray();
        start.Set();
        var all = (await Task.WhenAll(tasks)).SelectMany(v => v).ToArray();

        Assert.Equal(writers * perWriter, all.Length);
        Assert.Equal(Enumerable.Range(1, writers * perWriter), all.Order());
        using var check = new PipelineStore(temp.Path);
        Assert.Equal(writers * perWriter, check.ListModelVersions("m").Count);
        Assert.All(check.ListModelVersions("m"), v => Assert.True(v.Lineage.ContainsKey("writer")));
    }
}
