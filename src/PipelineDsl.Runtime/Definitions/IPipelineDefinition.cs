using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Graph;
using PipelineDsl.Runtime.Prediction;
using PipelineDsl.Runtime.Reports;

namespace PipelineDsl.Runtime;

/// <summary>A generated pipeline, seen without its row type: what the host lists, plans and runs.</summary>
public interface IPipelineDefinition
{
    /// <summary>Stable pipeline name; also the registered model's name.</summary>
    string Name { get; }

    /// <summary>The dataset's name (the key of <c>--source NAME=PATH</c>).</summary>
    string DatasetName { get; }

    /// <summary>The dataset's default source path.</summary>
    string? DefaultSource { get; }

    /// <summary>Every dataset the pipeline reads: its own, then the ones its feature set joins.</summary>
    IReadOnlyList<string> DatasetNames { get; }

    /// <summary>The DAG.</summary>
    PipelineGraph Graph { get; }

    /// <summary>The model.</summary>
    ModelDefinition Model { get; }

    /// <summary>The promotion rules.</summary>
    IReadOnlyList<GateRule> Gates { get; }

    /// <summary>The split.</summary>
    SplitDefinition Split { get; }

    /// <summary>Runs the DAG end to end against the store in <paramref name="options"/>.</summary>
    Task<PipelineRunResult> RunAsync(PipelineRunOptions options, IPipelineObserver? observer = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Scores a CSV file with version <paramref name="version"/> (the latest when null) of this pipeline's registered
    /// model from the store at <paramref name="storePath"/>, through the generated reader and feature row function.
    /// </summary>
    Task<CsvPredictionResult> PredictCsvAsync(string storePath, int? version, string csvPath, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rebuilds version <paramref name="version"/> from its lineage (its data snapshots, this code, its seed) in a scratch
    /// store and compares the metrics with the registered ones.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such version, its snapshots are gone, or this code is not the code that trained it.</exception>
    Task<ReproductionResult> ReproduceAsync(string storePath, int version, IPipelineObserver? observer = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Renders the model card of version <paramref name="version"/> from the store at <paramref name="storePath"/>, as
    /// Markdown and as a self-contained HTML page with the holdout plots and the permutation importance chart (computed
    /// by rebuilding the version's holdout from its lineage; left out, with the reason, when this code cannot rebuild it).
    /// </summary>
    /// <exception cref="InvalidOperationException">No store at <paramref name="storePath"/>, or no such version.</exception>
    Task<ModelCardDocument> RenderModelCardAsync(string storePath, int version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Renders the HTML report of run <paramref name="runId"/> (a full run id) from the store at
    /// <paramref name="storePath"/>: status, nodes, params, metrics, gate verdicts and, when the run registered a
    /// version, its holdout plots and permutation importance.
    /// </summary>
    /// <exception cref="InvalidOperationException">No store, no such run, or the run is another pipeline's.</exception>
    Task<string> RenderRunReportAsync(string storePath, string runId, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="visitor"/> with the typed definition, for hosts that need the row type (serving).</summary>
    TResult Accept<TResult>(IPipelineDefinitionVisitor<TResult> visitor);
}
