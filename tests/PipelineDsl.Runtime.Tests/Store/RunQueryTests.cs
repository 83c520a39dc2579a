using System.Diagnostics;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Store;

public class RunQueryTests
{
    [Theory]
    [StoreProviders]
    public void Filters_by_status_and_pipeline(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        var ok = Run(store, "churn", "succeeded");
        var gate = Run(store, "churn", "failed_gate");
        var other = Run(store, "prices", "succeeded");
        var running = store.CreateRun("churn");

        Assert.Equal([running, gate, ok], Ids(store, new RunQuery { Pipeline = "churn" }));
        Assert.Equal([other, ok], Ids(store, new RunQuery { Status = "succeeded" }));
        Assert.Equal([ok], Ids(store, new RunQuery { Pipeline = "churn", Status = "succeeded" }));
        Assert.Equal([running], Ids(store, new RunQuery { Status = "running" }));
        Assert.Empty(Ids(store, new RunQuery { Status = "cancelled" }));
    }

    [Theory]
    [StoreProviders]
    public void Filters_by_headline_metric_thresholds_all_of_which_must_hold(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        var low = Run(store, metrics: new() { ["auc"] = 0.85, ["recall"] = 0.6 });
        var edge = Run(store, metrics: new() { ["auc"] = 0.9, ["recall"] = 0.8 });
        var high = Run(store, metrics: new() { ["auc"] = 0.95, ["recall"] = 0.65 });
        var undefined = Run(store, metrics: new() { ["auc"] = double.NaN, ["recall"] = 0.5 });
        Run(store, metrics: new() { ["rmse"] = 3.0 });

        Assert.Equal([high, edge], Ids(store, Where(Metric("auc", RunConditionOperator.GreaterThanOrEqual, "0.9"))));
        Assert.Equal([high], Ids(store, Where(Metric("auc", RunConditionOperator.GreaterThan, "0.9"))));
        Assert.Equal([edge], Ids(store, Where(Metric("auc", RunConditionOperator.Equal, "0.9"))));
        Assert.Equal([undefined, high, low], Ids(store, Where(Metric("recall", RunConditionOperator.LessThan, "0.7"))));
        Assert.Equal([high], Ids(store, Where(
            Metric("auc", RunConditionOperator.GreaterThanOrEqual, "0.9"),
            Metric("recall", RunConditionOperator.LessThanOrEqual, "0.7"))));

        // A run without the metric, or with an undefined one, matches no condition on it, not even "!=".
        Assert.Equal([high, edge, low], Ids(store, Where(Metric("auc", RunConditionOperator.NotEqual, "0.1"))));
    }

    [Theory]
    [StoreProviders]
    public void Only_step_zero_metrics_count(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        var id = Run(store, metrics: new() { ["auc"] = 0.8 });
        store.LogMetrics(id, new Dictionary<string, double> { ["auc"] = 0.99 }, step: 1);

        Assert.Empty(Ids(store, Where(Metric("auc", RunConditionOperator.GreaterThan, "0.9"))));
        Assert.Equal([id], Ids(store, Where(Metric("auc", RunConditionOperator.LessThan, "0.9"))));
        Assert.Equal(2, store.QueryRuns(new RunQuery()).Single().Metrics.Count);
    }

    [Theory]
    [StoreProviders]
    public void Filters_by_params_as_text_or_as_numbers(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        var lgbm = Run(store, parameters: new() { ["trainer"] = "LightGbm", ["hp.Leaves"] = "31" });
        var fastTree = Run(store, parameters: new() { ["trainer"] = "FastTree", ["hp.Leaves"] = "8" });
        var odd = Run(store, parameters: new() { ["trainer"] = "LightGbm", ["hp.Leaves"] = "many" });
        var none = Run(store);

        Assert.Equal([odd, lgbm], Ids(store, Where(Param("trainer", RunConditionOperator.Equal, "LightGbm"))));
        Assert.Empty(Ids(store, Where(Param("trainer", RunConditionOperator.Equal, "lightgbm"))));

        // Missing params match nothing, not even "!=".
        Assert.Equal([fastTree], Ids(store, Where(Param("trainer", RunConditionOperator.NotEqual, "LightGbm"))));
        Assert.DoesNotContain(none, Ids(store, Where(Param("trainer", RunConditionOperator.NotEqual, "Sdca"))));

        // Numbers compare as numbers: 31 = 31.0 and 8 < 10 (as text "8" > "10"); a value that is no number never matches.
        Assert.Equal([lgbm], Ids(store, Where(Param("hp.Leaves", RunConditionOperator.Equal, "31.0"))));
        Assert.Equal([fastTree], Ids(store, Where(Param("hp.Leaves", RunConditionOperator.LessThan, "10"))));
        Assert.Equal([lgbm], Ids(store, Where(Param("hp.Leaves", RunConditionOperator.GreaterThanOrEqual, "10"))));
        Assert.Equal([odd, fastTree], Ids(store, Where(Param("hp.Leaves", RunConditionOperator.NotEqual, "31"))));

        // Against text, ordering is ordinal text ordering.
        Assert.Equal([odd, lgbm], Ids(store, Where(Param("trainer", RunConditionOperator.GreaterThan, "G"))));

        // Params and metrics combine.
        var both = Run(store, parameters: new() { ["trainer"] = "LightGbm" }, metrics: new() { ["auc"] = 0.97 });
        Assert.Equal([both], Ids(store, Where(Param("trainer", RunConditionOperator.Equal, "LightGbm"), Metric("auc", RunConditionOperator.GreaterThan, "0.5"))));
    }

    [Theory]
    [StoreProviders]
    public void Sorts_best_first_by_default_with_overrides_and_runs_without_the_metric_last(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        var a = Run(store, metrics: new() { ["auc"] = 0.8, ["rmse"] = 2.0 });
        var noMetric = Run(store, metrics: new() { ["f1"] = 0.5 });
        var b = Run(store, metrics: new() { ["auc"] = 0.9, ["rmse"] = 1.0 });
        var nan = Run(store, metrics: new() { ["auc"] = double.NaN, ["rmse"] = double.NaN });
        var c = Run(store, metrics: new() { ["auc"] = 0.85, ["rmse"] = 3.0 });

        // Higher is better for auc: descending; lower is better for rmse: ascending. Missing and NaN last, newest first.
        Assert.Equal([b, c, a, nan, noMetric], Ids(store, new RunQuery { SortMetric = "auc" }));
        Assert.Equal([b, a, c, nan, noMetric], Ids(store, new RunQuery { SortMetric = "rmse" }));
        Assert.Equal([a, c, b, nan, noMetric], Ids(store, new RunQuery { SortMetric = "auc", Descending = false }));
        Assert.Equal([c, a, b, nan, noMetric], Ids(store, new RunQuery { SortMetric = "rmse", Descending = true }));

        // The limit applies after the sort.
        Assert.Equal([b, c], Ids(store, new RunQuery { SortMetric = "auc", Limit = 2 }));

        // No sort: newest first.
        Assert.Equal([c, nan, b, noMetric, a], Ids(store, new RunQuery()));
    }

    [Theory]
    [StoreProviders]
    public void Returns_everything_recorded_against_each_run(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        var first = Run(store, parameters: new() { ["seed"] = "42" }, metrics: new() { ["auc"] = 0.9 });
        store.RecordNode(first, "ingest:d", "cached", 1, "restored");
        store.RecordNode(first, "train:m", "completed", 20, "trained");
        var second = Run(store, parameters: new() { ["seed"] = "7" }, metrics: new() { ["auc"] = 0.8 });
        store.RecordNode(second, "ingest:d", "completed", 3, "5000 rows");

        var runs = store.QueryRuns(new RunQuery { SortMetric = "auc" });

        Assert.Equal([first, second], runs.Select(r => r.Run.Id));
        Assert.Equal(store.GetRun(first), runs[0], DetailsComparer.Instance);
        Assert.Equal(store.GetRun(second), runs[1], DetailsComparer.Instance);
        Assert.Equal(["cached", "completed"], runs[0].Nodes.Select(n => n.Status));
        Assert.Equal("42", runs[0].Params["seed"]);
    }

    [Theory]
    [StoreProviders]
    public void A_thousand_runs_filter_and_sort_like_linq_does(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        var expected = new List<(string Id, double Auc, string Trainer, int Order)>();
        for (var i = 0; i < 1000; i++)
        {
            var trainer = i % 3 == 0 ? "FastTree" : "LightGbm";
            var auc = 0.5 + ((i * 37) % 500) / 1000.0;
            var id = Run(store, parameters: new() { ["trainer"] = trainer }, metrics: new() { ["auc"] = auc });
            expected.Add((id, auc, trainer, i));
        }

        var stopwatch = Stopwatch.StartNew();
        var runs = store.QueryRuns(new RunQuery
        {
            Conditions = [Metric("auc", RunConditionOperator.GreaterThanOrEqual, "0.75"), Param("trainer", RunConditionOperator.Equal, "LightGbm")],
            SortMetric = "auc",
            Limit = 1000,
        });
        stopwatch.Stop();

        var oracle = expected.Where(r => r.Auc >= 0.75 && r.Trainer == "LightGbm").OrderByDescending(r => r.Auc).ThenByDescending(r => r.Order).Select(r => r.Id);
        Assert.Equal(oracle, runs.Select(r => r.Run.Id));
        Assert.All(runs, r => Assert.Single(r.Metrics));

        // Generous: the same handful of statements whatever the count (a per-run loop would take far longer on a slow disk).
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"querying 1,000 runs took {stopwatch.Elapsed}");
    }

    [Theory]
    [StoreProviders]
    public void Rejects_a_metric_condition_that_is_not_a_number_and_a_limit_below_one(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        Run(store, metrics: new() { ["auc"] = 0.9 });

        var notANumber = Assert.Throws<ArgumentException>(() => store.QueryRuns(Where(Metric("auc", RunConditionOperator.GreaterThan, "high"))));
        Assert.Contains("metrics.auc>high", notANumber.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => store.QueryRuns(new RunQuery { Limit = 0 }));
    }

    [Theory]
    [StoreProviders]
    public void Finds_runs_by_id_prefix_exact_match_first(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        var first = store.CreateRun("p");
        var second = store.CreateRun("p");

        Assert.Equal([first], store.FindRunsByIdPrefix(first).Select(r => r.Id));
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), store.FindRunsByIdPrefix(first[..4]).Select(r => r.Id));
        Assert.Single(store.FindRunsByIdPrefix(first[..4], limit: 1));
        Assert.Empty(store.FindRunsByIdPrefix("zzz"));

        // Neither % nor _ is a wildcard.
        Assert.Empty(store.FindRunsByIdPrefix("%"));
        Assert.Empty(store.FindRunsByIdPrefix("_"));
    }

    private static RunQuery Where(params RunCondition[] conditions) => new() { Conditions = conditions };

    private static RunCondition Metric(string key, RunConditionOperator op, string value) => new(RunConditionSource.Metric, key, op, value);

    private static RunCondition Param(string key, RunConditionOperator op, string value) => new(RunConditionSource.Param, key, op, value);

    private static string[] Ids(PipelineStore store, RunQuery query) => store.QueryRuns(query).Select(r => r.Run.Id).ToArray();

    private static string Run(
        PipelineStore store,
        string pipeline = "churn",
        string status = "succeeded",
        Dictionary<string, string>? parameters = null,
        Dictionary<string, double>? metrics = null)
    {
        var id = store.CreateRun(pipeline);
        store.LogParams(id, parameters ?? []);
        store.LogMetrics(id, metrics ?? []);
        store.FinishRun(id, status, status);
        return id;
    }

    /// <summary>Compares run details by content (records over dictionaries and lists compare by reference).</summary>
    private sealed class DetailsComparer : IEqualityComparer<RunDetails?>
    {
        public static readonly DetailsComparer Instance = new();

        public bool Equals(RunDetails? x, RunDetails? y) =>
            x is not null && y is not null
            && x.Run == y.Run
            && x.Params.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(y.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
            && x.Metrics.SequenceEqual(y.Metrics)
            && x.Gates.SequenceEqual(y.Gates)
            && x.Nodes.SequenceEqual(y.Nodes);

        public int GetHashCode(RunDetails? obj) => obj?.Run.GetHashCode() ?? 0;
    }
}
