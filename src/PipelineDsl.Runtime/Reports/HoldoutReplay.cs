using System.Globalization;
using PipelineDsl.Runtime.Execution;
using Microsoft.ML;
using PipelineDsl.Runtime.Evaluation;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Training;

namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// The holdout of a registered version, rebuilt at report time (the store keeps metrics, not per-row predictions): the
/// version's data snapshot from the store (lineage <c>data_hash</c>, and <c>joined.{dataset}.data_hash</c> for joined
/// datasets) read with the generated reader, features recomputed through the feature set's batch path, the rows split
/// again with the pipeline's split settings and seed exactly as the runner splits them, the version's model loaded from
/// its artifact, and the holdout scored. Refused when this code is not the code that trained the version (schema or
/// feature set hash differ, or the split settings its run recorded) or when a snapshot is gone.
/// </summary>
/// <typeparam name="TRow">The dataset row type.</typeparam>
internal sealed class HoldoutReplay<TRow>
{
    private HoldoutReplay(
        ModelVersionRecord version,
        MlTask task,
        IReadOnlyList<string> featureNames,
        TRow[] rows,
        float[] matrix,
        float[] labels,
        DatasetSplit split,
        MLContext context,
        ITransformer model,
        HoldoutPredictions predictions)
    {
        Version = version;
        Task = task;
        FeatureNames = featureNames;
        Rows = rows;
        Matrix = matrix;
        Labels = labels;
        Split = split;
        Context = context;
        Model = model;
        Predictions = predictions;
    }

    /// <summary>The version replayed.</summary>
    public ModelVersionRecord Version { get; }

    /// <summary>The task.</summary>
    public MlTask Task { get; }

    /// <summary>The feature names, in vector order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The holdout rows, in holdout order (ascending row index, as the runner evaluates them).</summary>
    public TRow[] Rows { get; }

    /// <summary>The holdout's features, column-major: feature <c>j</c> of holdout row <c>i</c> at <c>[j * RowCount + i]</c>.</summary>
    public float[] Matrix { get; }

    /// <summary>Each holdout row's label (1/0 for binary classification).</summary>
    public float[] Labels { get; }

    /// <summary>The split, as indices into the snapshot's rows.</summary>
    public DatasetSplit Split { get; }

    /// <summary>The ML.NET context the model was loaded in.</summary>
    public MLContext Context { get; }

    /// <summary>The version's model.</summary>
    public ITransformer Model { get; }

    /// <summary>The model's output for each holdout row.</summary>
    public HoldoutPredictions Predictions { get; }

    /// <summary>How many holdout rows there are.</summary>
    public int RowCount => Rows.Length;

    /// <summary>Each holdout row's label as a class (binary classification).</summary>
    public bool[] Classes => Labels.Select(l => l > 0.5f).ToArray();

    /// <summary>A data view over the holdout matrix with its labels.</summary>
    public FeatureMatrixDataView View() => new(Matrix, RowCount, FeatureNames, rows: null, Labels, Task);

    /// <summary>The task's headline metrics of the replayed holdout, through the evaluator the runner uses.</summary>
    public IReadOnlyDictionary<string, double> Evaluate() => ModelEvaluator.Evaluate(Context, Model, View(), Task);

    /// <summary>Rebuilds the holdout of <paramref name="version"/>.</summary>
    /// <exception cref="InvalidOperationException">
    /// This code is not the code that trained the version, a snapshot is no longer in the store, or the replayed holdout
    /// does not have as many rows as the version's run held out.
    /// </exception>
    public static HoldoutReplay<TRow> Run(PipelineDefinition<TRow> pipeline, PipelineStore store, ModelVersionRecord version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(version);
        var runParams = store.GetRun(version.RunId)?.Params ?? new Dictionary<string, string>();
        CheckSameCode(pipeline, version, runParams);

        var load = pipeline.Dataset.ReadCsv(VersionLineage.SnapshotPath(store, version, "data_hash", pipeline.Dataset.Name));
        if (!load.Errors.IsEmpty)
        {
            throw new InvalidOperationException(
                $"The snapshot that trained {version.Name} v{version.Version} no longer reads with this code: {load.Errors.Format()}");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var rows = load.Rows;
        var labels = new float[rows.Length];
        var timestamps = pipeline.Dataset.HasTimestamp ? new DateTime[rows.Length] : [];
        for (var i = 0; i < rows.Length; i++)
        {
            labels[i] = pipeline.Dataset.GetLabel(rows[i]);
            if (timestamps.Length > 0)
            {
                timestamps[i] = pipeline.Dataset.GetTimestamp(rows[i]);
            }
        }

        // Features: the batch path the features node runs, over the joined datasets' snapshots.
        var featureSet = pipeline.FeatureSet;
        var joined = featureSet.JoinedDatasets
            .Select(d => d.ReadCsvUntyped(VersionLineage.SnapshotPath(store, version, $"joined.{d.Name}.data_hash", d.Name)).Rows)
            .ToArray();
        var k = featureSet.Count;
        var full = new float[checked(k * rows.Length)];
        featureSet.CreateState(joined).ComputeBatch(rows, full);
        cancellationToken.ThrowIfCancellationRequested();

        // The split node's code: the same strategy resolution, fraction, seed and cut-off.
        var settings = pipeline.Split;
        var strategy = DatasetSplitter.Resolve(settings.Strategy, pipeline.Model.Task, pipeline.Dataset.HasTimestamp);
        var split = DatasetSplitter.Split(strategy, settings.HoldoutFraction, settings.Seed, labels, timestamps, strategy == SplitStrategy.Time ? settings.TimeCutoff : null);
        if (runParams.TryGetValue("rows.test", out var recorded)
            && int.TryParse(recorded, NumberStyles.Integer, CultureInfo.InvariantCulture, out var expected)
            && expected != split.Test.Length)
        {
            throw new InvalidOperationException(
                $"The replayed holdout of {version.Name} v{version.Version} has {split.Test.Length} rows; its run held out {expected}. The split cannot be rebuilt with this code.");
        }

        var holdout = split.Test;
        var h = holdout.Length;
        var matrix = new float[checked(k * h)];
        var holdoutLabels = new float[h];
        var holdoutRows = new TRow[h];
        for (var i = 0; i < h; i++)
        {
            holdoutLabels[i] = labels[holdout[i]];
            holdoutRows[i] = rows[holdout[i]];
        }

        for (var j = 0; j < k; j++)
        {
            for (var i = 0; i < h; i++)
            {
                matrix[(j * h) + i] = full[(j * rows.Length) + holdout[i]];
            }
        }

        var context = new MLContext(settings.Seed);
        ITransformer model;
        if (!store.Artifacts.Contains(version.ArtifactHash))
        {
            throw new InvalidOperationException($"The model of {version.Name} v{version.Version} (sha256:{ReportFormat.ShortHash(version.ArtifactHash)}) is no longer in the store.");
        }

        using (var stream = store.Artifacts.Open(version.ArtifactHash))
        {
            model = ModelTrainer.Load(context, stream, out _);
        }

        var names = featureSet.Features.Select(f => f.Name).ToArray();
        var predictions = HoldoutPredictions.Score(model, new FeatureMatrixDataView(matrix, h, names, rows: null, holdoutLabels, pipeline.Model.Task), pipeline.Model.Task);
        return new HoldoutReplay<TRow>(version, pipeline.Model.Task, names, holdoutRows, matrix, holdoutLabels, split, context, model, predictions);
    }

    /// <summary>Refuses a version trained by other code than this build: other schema, feature set or split settings.</summary>
    private static void CheckSameCode(PipelineDefinition<TRow> pipeline, ModelVersionRecord version, IReadOnlyDictionary<string, string> runParams)
    {
        var differences = VersionLineage.Differences(pipeline, version, runParams, includeModelConfig: false, requireCodeHashes: true);
        if (differences.Count > 0)
        {
            var commit = version.Lineage.GetValueOrDefault("git_commit", "unknown");
            throw new InvalidOperationException(
                $"{version.Name} v{version.Version} was trained by other code or settings than this build ({string.Join("; ", differences)}), "
                + $"so its holdout cannot be rebuilt here; render its report from its commit ({commit}).");
        }
    }
}
