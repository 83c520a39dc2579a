using System.Collections.Concurrent;
using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Prediction;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Execution;

public class PipelineRunnerTests
{
    private sealed class Observer : IPipelineObserver
    {
        public ConcurrentQueue<string> Events { get; } = new();

        public void OnNodeStarting(string nodeId) => Events.Enqueue("start " + nodeId);

        public void OnNodeCompleted(string nodeId, TimeSpan elapsed, string summary) => Events.Enqueue($"done {nodeId}: {summary}");

        public void OnNodeFailed(string nodeId, TimeSpan elapsed, string reason) => Events.Enqueue($"fail {nodeId}: {reason}");
    }

    private static PipelineRunOptions Options(TempDirectory temp) => new()
    {
        StorePath = temp.Combine(".mlpipeline"),
        SourceSearchPaths = [temp.Path],
    };

    private static (int Models, int Datasets, string[] Artifacts) Snapshot(string storePath)
    {
        using var store = new PipelineStore(storePath);
        return (store.ListModelVersions().Count, store.ListDatasetVersions().Count, store.Artifacts.List().ToArray());
    }

    [Fact]
    public async Task Succeeds_and_registers_v1_with_lineage()
    {
        using var temp = new TempDirectory();
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var pipeline = SyntheticPipeline.Create("data.csv");
        var observer = new Observer();

        var result = await pipeline.RunAsync(Options(temp), observer);

        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        Assert.Equal(1, result.ModelVersion);
        Assert.True(result.Metrics["auc"] > 0.9, $"auc {result.Metrics["auc"]}");
        Assert.Contains("Registered SyntheticPipeline v1", result.Message);
        Assert.Contains("done ingest:Synthetic: 600 rows", observer.Events);
        Assert.Contains("done features:SyntheticFeatures: 4 features x 600 rows", observer.Events);
        Assert.Contains(observer.Events, e => e.StartsWith("done evaluate:SyntheticModel: auc=", StringComparison.Ordinal));

        using var store = new PipelineStore(Options(temp).StorePath);
        var version = store.GetModelVersion(SyntheticPipeline.Name)!;
        Assert.Equal(1, version.Version);
        Assert.Equal(result.RunId, version.RunId);
        Assert.Equal("none", version.Stage);
        Assert.True(store.Artifacts.Contains(version.ArtifactHash));
        var lineage = version.Lineage;
        Assert.Equal(64, lineage["data_hash"].Length);
        Assert.True(store.Artifacts.Contains(lineage["data_hash"]));
        Assert.Equal("schema-hash-synthetic-1", lineage["schema_hash"]);
        Assert.Equal("feature-set-hash-1", lineage["feature_set_hash"]);
        Assert.Equal("code-x1", lineage["feature.x1.hash"]);
        Assert.Equal("code-prod", lineage["feature.product.hash"]);
        Assert.Equal("model-config-hash-1", lineage["model_config_hash"]);
        Assert.Equal(Environment.Version.ToString(), lineage["dotnet_version"]);
        Assert.False(string.IsNullOrEmpty(lineage["git_commit"]));
        Assert.StartsWith("5.", lineage["mlnet_version"]);
        Assert.False(string.IsNullOrEmpty(lineage["pipelinedsl_version"]));
        Assert.False(string.IsNullOrEmpty(lineage["os"]));
        Assert.Equal(result.Metrics["auc"], version.Metrics["auc"]);

        var run = store.GetRun(result.RunId)!;
        Assert.Equal("succeeded", run.Run.Status);
        Assert.Equal(lineage["data_hash"], run.Run.DataHash);
        Assert.Equal(9, run.Nodes.Count);
        Assert.All(run.Nodes, n => Assert.Equal("completed", n.Status));
        Assert.Equal("8", run.Params["hp.Leaves"]);
        Assert.Equal("Stratified", run.Params["split.strategy"]);
        Assert.Equal("480", run.Params["rows.train"]);
        Assert.Equal("120", run.Params["rows.test"]);
        Assert.True(Assert.Single(run.Gates).Passed);
        Assert.Equal(7, run.Metrics.Count); // the six binary metrics and the calibration error
        var dataset = Assert.Single(store.ListDatasetVersions());
        Assert.Equal(600, dataset.Rows);

        // A second, forced run on the same data: same metrics (deterministic), next version, snapshot stored once.
        var second = await pipeline.RunAsync(Options(temp) with { Force = true });
        Assert.Equal(PipelineRunStatus.Succeeded, second.Status);
        Assert.Equal(2, second.ModelVersion);
        Assert.Equal(0, second.CachedNodes);
        Assert.Equal(result.Metrics, second.Metrics);
        Assert.Single(store.ListDatasetVersions());
        var v2 = store.GetModelVersion(SyntheticPipeline.Name)!;
        Assert.Equal(version.ArtifactHash, v2.ArtifactHash);
        Assert.Equal(2, store.ListRuns(SyntheticPipeline.Name).Count);
    }

    [Fact]
    public async Task Corrupted_cell_fails_validation_naming_line_and_column_and_changes_nothing()
    {
        using var temp = new TempDirectory();
        var path = SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var pipeline = SyntheticPipeline.Create("data.csv");
        var options = Options(temp);
        Assert.Equal(PipelineRunStatus.Succeeded, (await pipeline.RunAsync(options)).Status);
        var before = Snapshot(options.StorePath);

        var lines = File.ReadAllLines(path);
        var cells = lines[41].Split(',');
        cells[1] = "12,5x".Replace(",", ";", StringComparison.Ordinal);
        lines[41] = string.Join(',', cells);
        File.WriteAllLines(path, lines);

        var observer = new Observer();
        var result = await pipeline.RunAsync(options, observer);

        Assert.Equal(PipelineRunStatus.FailedValidation, result.Status);
        Assert.Null(result.ModelVersion);
        Assert.Empty(result.Metrics);
        Assert.Contains("data.csv:42: column 'x1': type:", result.Message);
        Assert.Contains("'12;5x'", result.Message);
        Assert.Contains("x1/type: 1", result.Message);
        Assert.Contains("fail register:SyntheticPipeline: skipped: dependency ingest:Synthetic failed", observer.Events);

        var after = Snapshot(options.StorePath);
        Assert.Equal(before.Models, after.Models);
        Assert.Equal(before.Datasets, after.Datasets);
        Assert.Equal(before.Artifacts, after.Artifacts);

        using var store = new PipelineStore(options.StorePath);
        var run = store.GetRun(result.RunId)!;
        Assert.Equal("failed_validation", run.Run.Status);
        Assert.Null(run.Run.DataHash);
        Assert.Equal("failed", run.Nodes.Single(n => n.NodeId == "ingest:Synthetic").Status);
        Assert.Equal("skipped", run.Nodes.Single(n => n.NodeId == "train:SyntheticModel").Status);
        Assert.Empty(run.Metrics);
    }

    [Fact]
    public async Task Rule_violation_fails_validation()
    {
        using var temp = new TempDirectory();
        var path = SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var lines = File.ReadAllLines(path);
        var cells = lines[10].Split(',');
        cells[3] = "zzz";
        lines[10] = string.Join(',', cells);
        File.WriteAllLines(path, lines);

        var result = await SyntheticPipeline.Create("data.csv").RunAsync(Options(temp));

        Assert.Equal(PipelineRunStatus.FailedValidation, result.Status);
        Assert.Contains("data.csv:11: column 'segment': categories:", result.Message);
        var after = Snapshot(Options(temp).StorePath);
        Assert.Equal((0, 0), (after.Models, after.Datasets));
        Assert.Empty(after.Artifacts);
    }

    [Fact]
    public async Task Unpassable_gate_fails_and_registers_a_version_that_can_never_be_promoted()
    {
        using var temp = new TempDirectory();
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var pipeline = SyntheticPipeline.Create(
            "data.csv",
            gates: [new GateRule(Metric.Auc, GateComparison.AtLeast, 0.5), new GateRule(Metric.LogLoss, GateComparison.AtMost, 0.0001)]);

        var result = await pipeline.RunAsync(Options(temp));

        Assert.Equal(PipelineRunStatus.FailedGate, result.Status);
        Assert.Equal(1, result.ModelVersion);
        Assert.Contains("log_loss <= 0.0001", result.Message);
        Assert.Contains("can never be promoted", result.Message);
        Assert.True(result.Metrics.ContainsKey("auc"));
        using var store = new PipelineStore(Options(temp).StorePath);
        var version = Assert.Single(store.ListModelVersions());
        Assert.False(version.GatesPassed);
        Assert.Equal("none", version.Stage);
        var run = store.GetRun(result.RunId)!;
        Assert.Equal("failed_gate", run.Run.Status);
        Assert.Equal(2, run.Gates.Count);
        Assert.Single(run.Gates, g => !g.Passed);
        Assert.Equal("completed", run.Nodes.Single(n => n.NodeId == "register:SyntheticPipeline").Status);
    }

    [Fact]
    public async Task Gate_on_a_metric_the_task_cannot_produce_fails()
    {
        using var temp = new TempDirectory();
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var pipeline = SyntheticPipeline.Create("data.csv", gates: [new GateRule(Metric.Rmse, GateComparison.AtMost, 10)]);
        var result = await pipeline.RunAsync(Options(temp));
        Assert.Equal(PipelineRunStatus.FailedGate, result.Status);
        Assert.Contains("does not produce the metric 'rmse'", result.Message);
    }

    [Fact]
    public async Task Missing_source_names_every_path_tried()
    {
        using var temp = new TempDirectory();
        var other = temp.Combine("other");
        Directory.CreateDirectory(other);
        var options = Options(temp) with { SourceSearchPaths = [temp.Path, other] };
        var result = await SyntheticPipeline.Create("nowhere.csv").RunAsync(options);

        Assert.Equal(PipelineRunStatus.FailedValidation, result.Status);
        Assert.Contains(Path.Combine(temp.Path, "nowhere.csv"), result.Message);
        Assert.Contains(Path.Combine(other, "nowhere.csv"), result.Message);
        using var store = new PipelineStore(options.StorePath);
        Assert.Equal("failed_validation", store.GetRun(result.RunId)!.Run.Status);
    }

    [Fact]
    public async Task Source_override_wins_and_regression_pipelines_run()
    {
        using var temp = new TempDirectory();
        SyntheticPipeline.WriteCsv(temp.Combine("real.csv"));
        var pipeline = SyntheticPipeline.Create("missing.csv", gates: [new GateRule(Metric.R2, GateComparison.AtLeast, 0.8)], task: MlTask.Regression);
        var options = Options(temp) with { SourceOverrides = new Dictionary<string, string> { ["Synthetic"] = temp.Combine("real.csv") } };

        var result = await pipeline.RunAsync(options);

        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        Assert.True(result.Metrics["r2"] > 0.8);
        using var predictor = Predictor<SyntheticRow>.Load(pipeline, options.StorePath);
        var prediction = predictor.Predict(new SyntheticRow(1, 5, 1, "a", true, 0, DateTime.UtcNow));
        Assert.Null(prediction.Probability);
        Assert.Null(prediction.PredictedLabel);
        Assert.InRange(prediction.Score, 8, 20); // 3 * 5 - 1 = 14
    }

    [Fact]
    public async Task Unknown_hyperparameter_fails_the_run_with_its_name()
    {
        using var temp = new TempDirectory();
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var baseline = SyntheticPipeline.Create("data.csv");
        var pipeline = new PipelineDefinition<SyntheticRow>(
            baseline.Name, baseline.Dataset, baseline.FeatureSet,
            SyntheticPipeline.Model(hyperparameters: [new Hyperparameter("MaxDepth", "4")]),
            baseline.Gates, baseline.Split, baseline.Graph);
        var result = await pipeline.RunAsync(Options(temp));
        Assert.Equal(PipelineRunStatus.Failed, result.Status);
        Assert.Contains("'MaxDepth'", result.Message);
        Assert.Contains("train:SyntheticModel", result.Message);
    }

    [Fact]
    public async Task Cancellation_ends_the_run_as_cancelled()
    {
        using var temp = new TempDirectory();
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var result = await SyntheticPipeline.Create("data.csv").RunAsync(Options(temp), cancellationToken: cts.Token);
        Assert.Equal(PipelineRunStatus.Cancelled, result.Status);
        using var store = new PipelineStore(Options(temp).StorePath);
        Assert.Equal("cancelled", store.GetRun(result.RunId)!.Run.Status);
        Assert.Empty(store.ListModelVersions());
    }
}
