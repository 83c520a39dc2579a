namespace PipelineDsl.Runtime.Store;

/// <summary>A run with everything recorded against it.</summary>
/// <param name="Run">The run row.</param>
/// <param name="Params">Parameters (hyperparameters, split settings, row counts), by key.</param>
/// <param name="Metrics">Metrics, by key then step.</param>
/// <param name="Gates">Gate verdicts.</param>
/// <param name="Nodes">Node outcomes, in the order they finished.</param>
public sealed record RunDetails(
    RunRecord Run,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyList<MetricRecord> Metrics,
    IReadOnlyList<GateResultRecord> Gates,
    IReadOnlyList<RunNodeRecord> Nodes);
