using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Runtime.Tests.Store;

public class RunComparisonTests
{
    private static readonly DateTime Started = new(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void Lists_only_the_params_that_differ_and_those_in_one_run_only()
    {
        var a = Details("a", parameters: new() { ["seed"] = "42", ["hp.Leaves"] = "31", ["old"] = "x" });
        var b = Details("b", parameters: new() { ["seed"] = "42", ["hp.Leaves"] = "63", ["new"] = "y" });

        var comparison = RunComparison.Compare(a, b);

        Assert.Equal(
            [new ParamDifference("hp.Leaves", "31", "63"), new ParamDifference("new", null, "y"), new ParamDifference("old", "x", null)],
            comparison.Params);
        Assert.Equal([ParamChange.Changed, ParamChange.OnlyInB, ParamChange.OnlyInA], comparison.Params.Select(p => p.Change));
    }

    [Fact]
    public void Compares_every_headline_metric_with_its_delta_and_whether_it_improved()
    {
        var a = Details("a", metrics:
        [
            new("auc", 0.90, 0), new("rmse", 2.0, 0), new("f1", 0.7, 0), new("log_loss", 0.3, 0), new("recall", 0.5, 0),
            new("precision", double.NaN, 0), new("old", 1.0, 0), new("auc", 0.1, 1),
        ]);
        var b = Details("b", metrics:
        [
            new("auc", 0.95, 0), new("rmse", 2.5, 0), new("f1", 0.6, 0), new("log_loss", 0.2, 0), new("recall", 0.5, 0),
            new("precision", 0.8, 0), new("new", 2.0, 0), new("auc", 0.99, 1),
        ]);

        var metrics = RunComparison.Compare(a, b).Metrics.ToDictionary(m => m.Key);

        Assert.Equal(["auc", "f1", "log_loss", "new", "old", "precision", "recall", "rmse"], metrics.Keys);
        Assert.Equal(MetricVerdict.Improved, metrics["auc"].Verdict);
        Assert.Equal(0.95 - 0.90, metrics["auc"].Delta!.Value, 12);
        Assert.Equal(0.90, metrics["auc"].A);
        Assert.Equal(MetricVerdict.Regressed, metrics["f1"].Verdict);
        Assert.Equal(MetricVerdict.Regressed, metrics["rmse"].Verdict);
        Assert.False(metrics["rmse"].HigherIsBetter);
        Assert.Equal(0.5, metrics["rmse"].Delta!.Value, 12);
        Assert.Equal(MetricVerdict.Improved, metrics["log_loss"].Verdict);
        Assert.Equal(MetricVerdict.Unchanged, metrics["recall"].Verdict);
        Assert.Equal(0.0, metrics["recall"].Delta);
        Assert.Equal(MetricVerdict.Undefined, metrics["precision"].Verdict);
        Assert.True(double.IsNaN(metrics["precision"].Delta!.Value));
        Assert.Equal(MetricVerdict.OnlyInB, metrics["new"].Verdict);
        Assert.Null(metrics["new"].A);
        Assert.Null(metrics["new"].Delta);
        Assert.Equal(MetricVerdict.OnlyInA, metrics["old"].Verdict);
    }

    [Fact]
    public void Compares_data_hashes_and_without_two_versions_no_lineage()
    {
        var a = Details("a", dataHash: new string('a', 64));
        var same = Details("b", dataHash: new string('a', 64));
        var other = Details("c", dataHash: new string('c', 64));
        var none = Details("d");

        Assert.True(RunComparison.Compare(a, same).Data.SameData);
        Assert.False(RunComparison.Compare(a, other).Data.SameData);
        Assert.False(RunComparison.Compare(none, Details("e")).Data.SameData);

        var oneVersion = RunComparison.Compare(a, same, Version("a", 1, new() { ["feature_set_hash"] = "f" })).Data;
        Assert.Equal(new ModelVersionRef("churn", 1), oneVersion.ModelA);
        Assert.Null(oneVersion.ModelB);
        Assert.Null(oneVersion.Lineage);
        Assert.Equal("churn v1", oneVersion.ModelA!.ToString());
    }

    [Fact]
    public void Compares_the_lineage_of_the_versions_the_runs_registered()
    {
        var lineageA = new Dictionary<string, string>
        {
            ["data_hash"] = "d1", ["feature_set_hash"] = "fs1", ["model_config_hash"] = "mc", ["schema_hash"] = "s",
            ["git_commit"] = "abc", ["mlnet_version"] = "5.0.0", ["os"] = "linux",
            ["feature.Tenure.hash"] = "t1", ["feature.Charges.hash"] = "c1", ["feature.Legacy.hash"] = "l1",
        };
        var lineageB = new Dictionary<string, string>
        {
            ["data_hash"] = "d2", ["feature_set_hash"] = "fs2", ["model_config_hash"] = "mc", ["schema_hash"] = "s",
            ["git_commit"] = "def", ["mlnet_version"] = "5.0.1", ["os"] = "linux",
            ["feature.Tenure.hash"] = "t1", ["feature.Charges.hash"] = "c2", ["feature.Calls.hash"] = "k1",
        };

        var comparison = RunComparison.Compare(Details("a"), Details("b"), Version("a", 1, lineageA), Version("b", 2, lineageB));

        var lineage = comparison.Data.Lineage!;
        Assert.False(lineage.Same);
        Assert.Equal(
            [
                new LineageFact("feature_set_hash", "fs1", "fs2"),
                new LineageFact("model_config_hash", "mc", "mc"),
                new LineageFact("schema_hash", "s", "s"),
                new LineageFact("git_commit", "abc", "def"),
                new LineageFact("mlnet_version", "5.0.0", "5.0.1"),
            ],
            lineage.Facts);
        Assert.Equal([false, true, true, false, false], lineage.Facts.Select(f => f.Same));
        Assert.Equal(
            [new FeatureDifference("Calls", null, "k1"), new FeatureDifference("Charges", "c1", "c2"), new FeatureDifference("Legacy", "l1", null)],
            lineage.Features);
        Assert.Equal([FeatureChange.Added, FeatureChange.Changed, FeatureChange.Removed], lineage.Features.Select(f => f.Change));
        Assert.Equal(new ModelVersionRef("churn", 2), comparison.Data.ModelB);
    }

    [Fact]
    public void Identical_lineage_is_the_same()
    {
        var lineage = new Dictionary<string, string> { ["feature_set_hash"] = "fs", ["feature.X.hash"] = "x", ["git_commit"] = "abc" };
        var comparison = RunComparison.Compare(Details("a"), Details("b"), Version("a", 1, lineage), Version("b", 2, new(lineage)));

        Assert.True(comparison.Data.Lineage!.Same);
        Assert.Empty(comparison.Data.Lineage.Features);
        Assert.Equal(RunComparison.KeyLineage, comparison.Data.Lineage.Facts.Select(f => f.Key));
    }

    [Fact]
    public void Lists_how_each_node_ended_in_each_run()
    {
        var a = Details("a", nodes: [Node("ingest", "completed"), Node("train", "completed"), Node("register", "completed")]);
        var b = Details("b", nodes: [Node("ingest", "cached"), Node("train", "failed"), Node("extra", "completed")]);

        var nodes = RunComparison.Compare(a, b).Nodes;

        Assert.Equal(
            [
                new NodeOutcome("ingest", "completed", "cached"),
                new NodeOutcome("train", "completed", "failed"),
                new NodeOutcome("register", "completed", null),
                new NodeOutcome("extra", null, "completed"),
            ],
            nodes);
        Assert.All(nodes, n => Assert.False(n.Same));
        Assert.True(new NodeOutcome("x", "cached", "cached").Same);
    }

    [Fact]
    public void A_run_compared_with_itself_differs_in_nothing()
    {
        var run = Details(
            "a",
            parameters: new() { ["seed"] = "1" },
            metrics: [new("auc", 0.9, 0)],
            nodes: [Node("train", "completed")],
            dataHash: "h");

        var comparison = RunComparison.Compare(run, run);

        Assert.Empty(comparison.Params);
        Assert.All(comparison.Metrics, m => Assert.Equal(MetricVerdict.Unchanged, m.Verdict));
        Assert.True(comparison.Data.SameData);
        Assert.All(comparison.Nodes, n => Assert.True(n.Same));
    }

    [Fact]
    public void Rejects_a_version_registered_by_another_run()
    {
        var error = Assert.Throws<ArgumentException>(() => RunComparison.Compare(Details("a"), Details("b"), Version("b", 1, [])));
        Assert.Contains("churn v1 was registered by run b", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RunComparison.Compare(Details("a"), Details("b"), null, Version("a", 1, [])));
    }

    private static RunNodeRecord Node(string id, string status) => new(id, status, 1, null);

    private static ModelVersionRecord Version(string runId, int version, Dictionary<string, string> lineage) =>
        new("churn", version, runId, "hash", "none", Started, new Dictionary<string, double>(), lineage);

    private static RunDetails Details(
        string id,
        Dictionary<string, string>? parameters = null,
        MetricRecord[]? metrics = null,
        RunNodeRecord[]? nodes = null,
        string? dataHash = null) =>
        new(
            new RunRecord(id, "churn", "succeeded", Started, Started.AddMinutes(1), "ok", dataHash),
            parameters ?? [],
            metrics ?? [],
            [],
            nodes ?? []);
}
