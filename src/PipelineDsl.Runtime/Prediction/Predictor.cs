using Microsoft.ML;
using Microsoft.ML.Data;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Training;

namespace PipelineDsl.Runtime.Prediction;

/// <summary>
/// Scores rows with a registered model version. Features go through <see cref="FeatureSetDefinition{TRow}.ComputeRow"/>,
/// the same generated code the training batch path came from, and loading refuses a version whose lineage
/// <c>feature_set_hash</c> differs from the current feature set's. Thread-safe (calls are serialized).
/// </summary>
/// <typeparam name="TRow">The dataset row type.</typeparam>
public sealed class Predictor<TRow> : IDisposable
{
    private readonly FeatureSetDefinition<TRow> _featureSet;
    private readonly MlTask _task;
    private readonly Lock _lock = new();
    private readonly float[] _buffer;
    private readonly ModelFeaturesInput _input;
    private readonly PredictionEngine<ModelFeaturesInput, BinaryModelOutput>? _binary;
    private readonly PredictionEngine<ModelFeaturesInput, RegressionModelOutput>? _regression;

    private Predictor(PipelineDefinition<TRow> pipeline, ModelVersionRecord version, MLContext context, ITransformer model)
    {
        _featureSet = pipeline.FeatureSet;
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

    /// <summary>The model version in use.</summary>
    public ModelVersionRecord Version { get; }

    /// <summary>The version number in use.</summary>
    public int ModelVersion => Version.Version;

    /// <summary>The loaded ML.NET model.</summary>
    public ITransformer Model { get; }

    /// <summary>
    /// Loads version <paramref name="version"/> (the latest when null) of <paramref name="pipeline"/>'s model from the
    /// store at <paramref name="storePath"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such version, or the features changed since it was trained.</exception>
    public static Predictor<TRow> Load(PipelineDefinition<TRow> pipeline, string storePath, int? version = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        using var store = new PipelineStore(storePath);
        var record = store.GetModelVersion(pipeline.Name, version)
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

        return new Predictor<TRow>(pipeline, record, context, model);
    }

    /// <summary>Computes the row's features with the generated row function and scores them.</summary>
    public Prediction Predict(TRow row)
    {
        lock (_lock)
        {
            // ComputeRow writes every slot, so the buffer needs no clearing between rows.
            _featureSet.ComputeRow(row, _buffer);
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
