using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Reports;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Reports;

/// <summary>Rebuilding a version's holdout from its lineage gives the holdout the runner evaluated, or refuses.</summary>
public sealed class HoldoutReplayTests
{
    private static PipelineRunOptions Options(TempDirectory temp) => new()
    {
        StorePath = temp.Combine(".mlpipeline"),
        SourceSearchPaths = [temp.Path],
    };

    [Theory]
    [InlineData(MlTask.BinaryClassification)]
    [InlineData(MlTask.Regression)]
    public async Task The_replayed_holdout_scores_exactly_the_registered_metrics(MlTask task)
    {
        using var temp = new TempDirectory();
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var gate = task == MlTask.BinaryClassification ? new GateRule(Metric.Auc, GateComparison.AtLeast, 0.8) : new GateRule(Metric.R2, GateComparison.AtLeast, 0.5);
        var pipeline = SyntheticPipeline.Create("data.csv", gates: [gate], task: task);
        var result = await pipeline.RunAsync(Options(temp));
        Assert.Equal(PipelineRunStatus.Succeeded, result.Status);

        // The source file changes after the run: the replay reads the snapshot, not the file.
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"), seed: 99);
        using var store = new PipelineStore(Options(temp).StorePath);
        var version = store.GetModelVersion(SyntheticPipeline.Name, result.ModelVersion)!;
        var replay = HoldoutReplay<SyntheticRow>.Run(pipeline, store, version, CancellationToken.None);

        Assert.Equal(120, replay.RowCount);
        Assert.Equal(4 * 120, replay.Matrix.Length);
        Assert.Equal(120, replay.Predictions.Scores.Length);
        foreach (var (name, value) in replay.Evaluate())
        {
            Assert.Equal(result.Metrics[name], value);
        }

        if (task == MlTask.BinaryClassification)
        {
            Assert.Equal(result.Metrics["calibration_error"], PipelineDsl.Runtime.Evaluation.CalibrationError.Compute(replay.Predictions.Probabilities, replay.Classes));
            Assert.Equal(result.Metrics["auc"], RocCurve.AreaUnder(replay.Predictions.Scores, replay.Classes), 9);
        }
    }

    [Fact]
    public async Task Other_feature_code_or_schema_or_a_missing_snapshot_is_refused()
    {
        using var temp = new TempDirectory();
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var pipeline = SyntheticPipeline.Create("data.csv");
        var result = await pipeline.RunAsync(Options(temp));
        using var store = new PipelineStore(Options(temp).StorePath);
        var version = store.GetModelVersion(SyntheticPipeline.Name, result.ModelVersion)!;

        var features = Assert.Throws<InvalidOperationException>(() =>
            HoldoutReplay<SyntheticRow>.Run(SyntheticPipeline.Create("data.csv", featureSetHash: "other"), store, version, CancellationToken.None));
        Assert.Contains("feature_set_hash feature-set-hash-1 then, other now", features.Message, StringComparison.Ordinal);

        var schema = version with { Lineage = new Dictionary<string, string>(version.Lineage) { ["schema_hash"] = "schema-hash-synthetic-0" } };
        Assert.Contains("schema_hash", Assert.Throws<InvalidOperationException>(() =>
            HoldoutReplay<SyntheticRow>.Run(pipeline, store, schema, CancellationToken.None)).Message, StringComparison.Ordinal);

        var split = SyntheticPipeline.Create("data.csv", split: new SplitDefinition(SplitStrategy.Auto, 0.3, 42));
        Assert.Contains("split.holdout_fraction", Assert.Throws<InvalidOperationException>(() =>
            HoldoutReplay<SyntheticRow>.Run(split, store, version, CancellationToken.None)).Message, StringComparison.Ordinal);

        File.Delete(store.Artifacts.PathOf(version.Lineage["data_hash"]));
        var gone = Assert.Throws<InvalidOperationException>(() => HoldoutReplay<SyntheticRow>.Run(pipeline, store, version, CancellationToken.None));
        Assert.Contains("is no longer in the store", gone.Message, StringComparison.Ordinal);
    }
}
