using Microsoft.ML;
using Microsoft.ML.Data;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Temporal;
using PipelineDsl.Runtime.Training;

namespace PipelineDsl.Runtime.Prediction;

/// <summary>
/// Scores rows with a registered model version. Features go through the feature set's <see cref="IFeatureState{TRow}"/>,
/// the same generated code the training batch path came from; for a point-in-time feature set the state is restored
/// from the version's lineage (the joined datasets' snapshots and the window state after training), so a row is
/// scored as of its timestamp from the history training saw. Loading refuses a version whose lineage
/// <c>feature_set_hash</c> differs from the current feature set's. Thread-safe (calls are serialized).
/// </summary>
/// <typeparam name="TRow">The dataset row type.</typeparam>
public sealed class Predictor<TRow> : IDisposable
{
    private readonly FeatureSetDefinition<TRow> _featureSet;
    private readonly IFeatureState<TRow> _state;
    private readonly MlTask _task;
    private readonly Lock _lock = new();
    private readonly float[] _buffer;
    private readonly ModelFeaturesInput _input;
    private readonly PredictionEngine<ModelFeaturesInput, BinaryModelOutput>? _binary;
    private readonly PredictionEngine<ModelFeaturesInput, RegressionModelOutput>? _regression;

    private Predictor(PipelineDefinition<TRow> pipeline, ModelVersionRecord version, MLContext context, ITransformer model, IFeatureState<TRow> state)
    {
        _featureSet = pipeline.FeatureSet;
        _state = state;
        _task = pipeline.Model.Task;
        Version = version;
        Model = model;
        _buffer = new float[_featureSet.Count];
        _input = new ModelFeaturesInput { Features = _buffer };
        var schema = SchemaDefinition.Create(typeof(ModelFeaturesInput));
        schema[FeatureMatrixColumns.Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, _featureSet.Count);
        if (_task == MlTask.BinaryClassification)
        {
            _binary = context.Model.CreatePredictionEngine<ModelFeaturesInput, BinaryModelOutput>(model, inputSchemaDefinition: schema);
        }
        else
        {
            _regression = context.Model.CreatePredictionEngine<ModelFeaturesInput, RegressionModelOutput>(model, inputSchemaDefinition: schema);
        }
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
        lock (_lock)
        {
            _state.Observe(row);
        }
    }

    /// <summary>Computes the row's features with the generated row function (from the current state) and scores them.</summary>
    public Prediction Predict(TRow row)
    {
        lock (_lock)
        {
            // The row function writes every slot, so the buffer needs no clearing between rows.
            _state.Compute(row, _buffer);
            if (_binary is not null)
            {
                var output = _binary.Predict(_input);
                return new Prediction(output.Score, output.Probability, output.PredictedLabel, ModelVersion);
            }

            return new Prediction(_regression!.Predict(_input).Score, null, null, ModelVersion);
        }
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
        _binary?.Dispose();
        _regression?.Dispose();
    }
}
