using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Graph;
using PipelineDsl.Runtime.Prediction;
using PipelineDsl.Runtime.Reports;

namespace PipelineDsl.Runtime;

/// <summary>
/// A pipeline declared with <see cref="PipelineAttribute"/>: dataset, feature set, model, gates, split and
/// the DAG that ties them. The generator emits one as <c>{PipelineClass}.Definition</c>.
/// </summary>
/// <typeparam name="TRow">The dataset row type.</typeparam>
public sealed class PipelineDefinition<TRow> : IPipelineDefinition
{
    /// <summary>Creates the definition (called by generated code).</summary>
    public PipelineDefinition(
        string name,
        DatasetDefinition<TRow> dataset,
        FeatureSetDefinition<TRow> featureSet,
        ModelDefinition model,
        IReadOnlyList<GateRule> gates,
        SplitDefinition split,
        PipelineGraph graph,
        IReadOnlyList<DeploymentDefinition>? deployments = null,
        MonitorDefinition? monitor = null)
    {
        Name = name;
        Dataset = dataset;
        FeatureSet = featureSet;
        Model = model;
        Gates = gates;
        Split = split;
        Graph = graph;
        Deployments = deployments ?? [];
        Monitor = monitor ?? MonitorDefinition.Default;
        DeclaresMonitor = monitor is not null;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The dataset.</summary>
    public DatasetDefinition<TRow> Dataset { get; }

    /// <summary>The feature set: the one feature path.</summary>
    public FeatureSetDefinition<TRow> FeatureSet { get; }

    /// <inheritdoc />
    public ModelDefinition Model { get; }

    /// <inheritdoc />
    public IReadOnlyList<GateRule> Gates { get; }

    /// <inheritdoc />
    public SplitDefinition Split { get; }

    /// <inheritdoc />
    public PipelineGraph Graph { get; }

    /// <summary>The model's <see cref="DeploymentAttribute"/> declarations; empty when it declares none.</summary>
    public IReadOnlyList<DeploymentDefinition> Deployments { get; }

    /// <summary>The model's <see cref="MonitorAttribute"/>, or <see cref="MonitorDefinition.Default"/> when it declares none.</summary>
    public MonitorDefinition Monitor { get; }

    /// <summary>Whether the model declares a <see cref="MonitorAttribute"/>.</summary>
    public bool DeclaresMonitor { get; }

    /// <inheritdoc />
    public string DatasetName => Dataset.Name;

    /// <inheritdoc />
    public string? DefaultSource => Dataset.DefaultSource;

    /// <inheritdoc />
    public IReadOnlyList<string> DatasetNames => [Dataset.Name, .. FeatureSet.JoinedDatasets.Select(d => d.Name)];

    /// <inheritdoc />
    public Task<PipelineRunResult> RunAsync(PipelineRunOptions options, IPipelineObserver? observer = null, CancellationToken cancellationToken = default) =>
        new PipelineRunner<TRow>(this, options, observer).RunAsync(cancellationToken);

    /// <inheritdoc />
    public Task<CsvPredictionResult> PredictCsvAsync(string storePath, int? version, string csvPath, CancellationToken cancellationToken = default) =>
        Task.Run(
            () =>
            {
                using var predictor = Predictor<TRow>.Load(this, storePath, version);
                return predictor.PredictCsv(Dataset, csvPath, cancellationToken);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<ReproductionResult> ReproduceAsync(string storePath, int version, IPipelineObserver? observer = null, CancellationToken cancellationToken = default) =>
        Reproducer.ReproduceAsync(this, storePath, version, observer, cancellationToken);

    /// <inheritdoc />
    public Task<ModelCardDocument> RenderModelCardAsync(string storePath, int version, CancellationToken cancellationToken = default) =>
        Task.Run(() => ModelCard.Render(this, storePath, version, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<string> RenderRunReportAsync(string storePath, string runId, CancellationToken cancellationToken = default) =>
        Task.Run(() => RunReport.Render(this, storePath, runId, cancellationToken), cancellationToken);

    /// <summary>Loads version <paramref name="version"/> (the latest when null) of this pipeline's model for row-by-row prediction.</summary>
    public Predictor<TRow> LoadPredictor(string storePath, int? version = null) => Predictor<TRow>.Load(this, storePath, version);

    /// <inheritdoc />
    public TResult Accept<TResult>(IPipelineDefinitionVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
