using PipelineDsl.Runtime.Evaluation;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Store;

public class PipelineStoreTests
{
    [Fact]
    public void A_version_1_store_is_migrated_in_place_without_losing_a_row()
    {
        using var temp = new TempDirectory();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(temp.Path, "store.db")};Pooling=False"))
        {
            // The tables as version 1 created them, with a run, its metrics and a registered version.
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE schema_version (version INTEGER NOT NULL, applied_utc TEXT NOT NULL);
                INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00.0000000Z');
                CREATE TABLE runs (id TEXT PRIMARY KEY, pipeline TEXT NOT NULL, status TEXT NOT NULL, started_utc TEXT NOT NULL, finished_utc TEXT, message TEXT, data_hash TEXT);
                INSERT INTO runs VALUES ('r1', 'churn', 'succeeded', '2026-01-01T00:00:00.0000000Z', NULL, 'ok', NULL);
                CREATE TABLE run_metrics (run_id TEXT NOT NULL, key TEXT NOT NULL, value REAL, step INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (run_id, key, step));
                INSERT INTO run_metrics VALUES ('r1', 'auc', 0.91, 0), ('r1', 'loss', 0.5, 1), ('r1', 'loss', 0.4, 2);
                CREATE TABLE model_versions (name TEXT NOT NULL, version INTEGER NOT NULL, run_id TEXT NOT NULL, artifact_hash TEXT NOT NULL, stage TEXT NOT NULL DEFAULT 'none', created_utc TEXT NOT NULL, PRIMARY KEY (name, version));
                INSERT INTO model_versions VALUES ('churn', 1, 'r1', 'aaaa', 'none', '2026-01-01T00:00:00.0000000Z');
                """;
            create.ExecuteNonQuery();
        }

        using var store = new PipelineStore(temp.Path);

        Assert.Equal(PipelineStore.SchemaVersion, store.GetSchemaVersion());
        var run = store.GetRun("r1")!;
        Assert.Equal(new[] { ("auc", 0.91, 0), ("loss", 0.5, 1), ("loss", 0.4, 2) }, run.Metrics.Select(m => (m.Key, m.Value, m.Step)));
        var version = Assert.Single(store.ListModelVersions());
        Assert.True(version.GatesPassed); // only versions that passed their gates were registered before version 2
        Assert.Equal(0.91, version.Metrics["auc"]);
        store.LogMetrics("r1", [KeyValuePair.Create("loss", 0.3)], step: 3);
        Assert.Equal(4, store.GetRun("r1")!.Metrics.Count);
    }

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

    [Theory]
    [StoreProviders]
    public void Records_and_queries_a_run(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
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

    [Theory]
    [StoreProviders]
    public void Model_versions_with_metrics_and_lineage(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
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

    [Theory]
    [StoreProviders]
    public void Dataset_versions_are_recorded_once_per_hash(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        store.RecordDatasetVersion(new string('d', 64), "ds", "/x.csv", 10, "s");
        store.RecordDatasetVersion(new string('d', 64), "ds", "/y.csv", 10, "s");
        var version = Assert.Single(store.ListDatasetVersions());
        Assert.Equal("/x.csv", version.SourcePath);
    }

    [Theory]
    [StoreProviders]
    public async Task Concurrent_writers_with_their_own_connections_get_unique_versions(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using (var init = new PipelineStore(temp.Store))
        {
            init.CreateRun("m");
        }

        const int writers = 6;
        const int perWriter = 8;
        var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            using var store = new PipelineStore(temp.Store);
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
        using var check = new PipelineStore(temp.Store);
        Assert.Equal(writers * perWriter, check.ListModelVersions("m").Count);
        Assert.All(check.ListModelVersions("m"), v => Assert.True(v.Lineage.ContainsKey("writer")));
    }
}
