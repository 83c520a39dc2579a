using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Temporal;
using PipelineDsl.Runtime.Training;

namespace PipelineDsl.Runtime.Prediction;

/// <summary>
/// Scores rows with a registered model version. Features go through the feature set's <see cref="IFeatureState{TRow}"/>,
/// the same generated code the training batch path came from; for a point-in-time feature set the state is restored
/// from the version's lineage (the joined datasets' snapshots and the window state after training), so a row is
/// scored as of its timestamp from the history training saw. Loading refuses a version whose lineage
/// <c>feature_set_hash</c> differs from the current feature set's. Thread-safe: rows of pure row functions are scored in
/// parallel on pooled prediction engines; window feature sets compute one row at a time.
/// </summary>
/// <typeparam name="TRow">The dataset row type.</typeparam>
public sealed class Predictor<TRow> : IDisposable
{
    private readonly FeatureSetDefinition<TRow> _featureSet;
    private readonly IFeatureState<TRow> _state;
    private readonly MlTask _task;
    private readonly MLContext _context;
    private readonly SchemaDefinition _schema;
    private readonly Lock _engineLock = new();
    private readonly Lock? _stateLock;
    private readonly ConcurrentBag<Scorer> _scorers = [];
    private readonly List<Scorer> _created = [];

    private Predictor(PipelineDefinition<TRow> pipeline, ModelVersionRecord version, MLContext context, ITransformer model, IFeatureState<TRow> state)
    {
        _featureSet = pipeline.FeatureSet;
        _state = state;
        _task = pipeline.Model.Task;
        _context = context;
        Version = version;
        Model = model;
        _schema = SchemaDefinition.Create(typeof(ModelFeaturesInput));
        _schema[FeatureMatrixColumns.Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, _featureSet.Count);

        // Pure row functions share nothing, so rows are scored in parallel, each on a pooled engine and buffer. Window
        // state is read by Compute and written by Observe: those feature sets score one row at a time.
        _stateLock = _featureSet.Windows.Count > 0 ? new Lock() : null;
        _scorers.Add(CreateScorer());
    }

    /// <summary>
    /// A predictor over a candidate that is not registered yet (the evaluate node's latency probe): the same row function
    /// and prediction engine as a loaded version, with a placeholder version record (number 0, stage <c>candidate</c>).
    /// </summary>
    internal static Predictor<TRow> ForCandidate(PipelineDefinition<TRow> pipeline, MLContext context, ITransformer model, IFeatureState<TRow> state) =>
        new(
            pipeline,
            new ModelVersionRecord(pipeline.Name, 0, "", "", "candidate", DateTime.UtcNow, new Dictionary<string, double>(), new Dictionary<string, string>()),
            context,
            model,
            state);

    /// <summary>The model version in use.</summary>
    public ModelVersionRecord Version { get; }

    /// <summary>The version number in use.</summary>
    public int ModelVersion => Version.Version;

    /// <summary>The loaded ML.NET model.</summary>
    public ITransformer Model { get; }

    /// <summary>
    /// Loads version <paramref name="version"/> of <paramref name="pipeline"/>'s model from the store at
    /// <paramref name="storePath"/>; when null, the production version, or the latest when nothing is in production.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such version, or the features changed since it was trained.</exception>
    public static Predictor<TRow> Load(PipelineDefinition<TRow> pipeline, string storePath, int? version = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        using var store = PipelineStore.Open(storePath);
        var record = (version is null ? store.GetStageVersion(pipeline.Name, ModelStages.Production) : null)
            ?? store.GetModelVersion(pipeline.Name, version)
            ?? throw new InvalidOperationException(
                version is null
                    ? $"No version of model {pipeline.Name} is registered in the store at {store.StorePath}; run the pipeline first."
                    : $"Model {pipeline.Name} has no version {version} in the store at {store.StorePath}.");

        var trainedHash = record.Lineage.GetValueOrDefault("feature_set_hash");
        if (!string.Equals(trainedHash, pipeline.FeatureSet.Hash, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"The features changed since {pipeline.Name} v{record.Version} was trained: feature set {pipeline.FeatureSet.Name} " +
                $"hashes to {pipeline.FeatureSet.Hash}, the version was trained with {trainedHash ?? "(no hash recorded)"}. " +
                "Retrain (run the pipeline) or use the code the version was trained with.");
        }

        var context = new MLContext(pipeline.Split.Seed);
        ITransformer model;
        using (var stream = store.Artifacts.Open(record.ArtifactHash))
        {
            model = ModelTrainer.Load(context, stream, out _);
        }

        return new Predictor<TRow>(pipeline, record, context, model, RestoreState(pipeline.FeatureSet, record, store));
    }

    /// <summary>The feature state a version was trained with: joined datasets from their snapshots, windows from the saved state.</summary>
    private static IFeatureState<TRow> RestoreState(FeatureSetDefinition<TRow> featureSet, ModelVersionRecord record, PipelineStore store)
    {
        var joined = new Array[featureSet.JoinedDatasets.Count];
        for (var k = 0; k < joined.Length; k++)
        {
            var dataset = featureSet.JoinedDatasets[k];
            var hash = record.Lineage.GetValueOrDefault($"joined.{dataset.Name}.data_hash");
            if (hash is null || !store.Artifacts.Contains(hash))
            {
                throw new InvalidOperationException(
                    $"{record.Name} v{record.Version} joins dataset {dataset.Name}, but its snapshot ({hash ?? "not recorded"}) is not in the store at {store.StorePath}.");
            }

            var load = dataset.ReadCsvUntyped(store.Artifacts.PathOf(hash));
            joined[k] = load.Rows;
        }

        var state = featureSet.CreateState(joined);
        if (featureSet.Windows.Count > 0)
        {
            var windows = record.Lineage.GetValueOrDefault("online_state");
            if (windows is null || !store.Artifacts.Contains(windows))
            {
                throw new InvalidOperationException(
                    $"{record.Name} v{record.Version} has window features, but its window state ({windows ?? "not recorded"}) is not in the store at {store.StorePath}.");
            }

            using var stream = store.Artifacts.Open(windows);
            state.LoadWindows(stream);
        }

        return state;
    }

    /// <summary>
    /// Adds an event to the feature state (a row whose values are now known), so that later predictions for its entity
    /// see it in their windows. A feature set without windows ignores it.
    /// </summary>
    public void Observe(TRow row)
    {
        if (_stateLock is null)
        {
            return;
        }

        lock (_stateLock)
        {
            _state.Observe(row);
        }
    }

    /// <summary>Computes the row's features with the generated row function (from the current state) and scores them. Thread-safe.</summary>
    public Prediction Predict(TRow row) => Predict(row, default);

    /// <summary>
    /// Computes the row's features, copies them to <paramref name="features"/> when it is not empty (the prediction log
    /// keeps what the model saw), and scores them. Thread-safe.
    /// </summary>
    public Prediction Predict(TRow row, Span<float> features)
    {
        if (!_scorers.TryTake(out var scorer))
        {
            scorer = CreateScorer();
        }

        try
        {
            // The row function writes every slot, so the buffer needs no clearing between rows.
            if (_stateLock is null)
            {
                _state.Compute(row, scorer.Buffer);
            }
            else
            {
                lock (_stateLock)
                {
                    _state.Compute(row, scorer.Buffer);
                }
            }

            if (!features.IsEmpty)
            {
                scorer.Buffer.AsSpan().CopyTo(features);
            }

            // Predict into the scorer's own output object: no allocation per row besides the returned record.
            if (scorer.Binary is not null)
            {
                var output = scorer.BinaryOutput;
                scorer.Binary.Predict(scorer.Input, ref output);
                return new Prediction(output.Score, output.Probability, output.PredictedLabel, ModelVersion);
            }

            var regression = scorer.RegressionOutput;
            scorer.Regression!.Predict(scorer.Input, ref regression);
            return new Prediction(regression.Score, null, null, ModelVersion);
        }
        finally
        {
            _scorers.Add(scorer);
        }
    }

    /// <summary>
    /// Proves the loaded model answers: scores the first row of the data snapshot the version was trained on and checks
    /// the score is finite (and the probability within [0, 1]). Serving reports ready only after this passed.
    /// </summary>
    /// <param name="dataset">The pipeline's dataset (its generated reader reads the snapshot).</param>
    /// <param name="storePath">The store the version was loaded from.</param>
    /// <returns>The self-test prediction.</returns>
    /// <exception cref="InvalidOperationException">The snapshot is gone or empty, or the prediction is not a number.</exception>
    public Prediction SelfTest(DatasetDefinition<TRow> dataset, string storePath)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        TRow row;
        using (var store = PipelineStore.Open(storePath))
        {
            var path = VersionLineage.SnapshotPath(store, Version, "data_hash", dataset.Name);
            var load = dataset.ReadCsv(path, maxReportedErrors: 1);
            row = load.Rows.Length > 0
                ? load.Rows[0]
                : throw new InvalidOperationException($"{Version.Name} v{Version.Version}: the training snapshot has no valid row to self-test with.");
        }

        var prediction = Predict(row);
        if (!float.IsFinite(prediction.Score) || prediction.Probability is { } p && !(p >= 0f && p <= 1f))
        {
            throw new InvalidOperationException(
                $"{Version.Name} v{Version.Version} failed its self-test: score {prediction.Score}, probability {prediction.Probability} on the first training row.");
        }

        return prediction;
    }

    /// <summary>The number of features a row has (the length <see cref="Predict(TRow, Span{float})"/> copies).</summary>
    public int FeatureCount => _featureSet.Count;

    private Scorer CreateScorer()
    {
        // Creating an engine reads the model's schema; ML.NET does not promise that is safe to do concurrently.
        lock (_engineLock)
        {
            var buffer = new float[_featureSet.Count];
            var input = new ModelFeaturesInput { Features = buffer };
            var scorer = _task == MlTask.BinaryClassification
                ? new Scorer(buffer, input, _context.Model.CreatePredictionEngine<ModelFeaturesInput, BinaryModelOutput>(Model, inputSchemaDefinition: _schema), null)
                : new Scorer(buffer, input, null, _context.Model.CreatePredictionEngine<ModelFeaturesInput, RegressionModelOutput>(Model, inputSchemaDefinition: _schema));
            _created.Add(scorer);
            return scorer;
        }
    }

    /// <summary>One prediction engine with its input buffer: not thread-safe, so each is used by one call at a time.</summary>
    private sealed record Scorer(
        float[] Buffer,
        ModelFeaturesInput Input,
        PredictionEngine<ModelFeaturesInput, BinaryModelOutput>? Binary,
        PredictionEngine<ModelFeaturesInput, RegressionModelOutput>? Regression)
    {
        public BinaryModelOutput BinaryOutput { get; } = new();

        public RegressionModelOutput RegressionOutput { get; } = new();
    }

    /// <summary>Scores a CSV file read with the dataset's generated reader; rows with a bad cell are reported, not scored.</summary>
    public CsvPredictionResult PredictCsv(DatasetDefinition<TRow> dataset, string csvPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var load = dataset.ReadCsv(csvPath);
        var predictions = new RowPrediction[load.Rows.Length];
        for (var i = 0; i < load.Rows.Length; i++)
        {
            if ((i & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            predictions[i] = new RowPrediction(load.LineNumbers[i], Predict(load.Rows[i]));
        }

        return new CsvPredictionResult(load.Path, Version.Name, ModelVersion, predictions, load.Errors);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_engineLock)
        {
            foreach (var scorer in _created)
            {
                scorer.Binary?.Dispose();
                scorer.Regression?.Dispose();
            }

            _created.Clear();
        }
    }
}
