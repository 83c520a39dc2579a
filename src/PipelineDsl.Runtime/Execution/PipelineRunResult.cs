namespace PipelineDsl.Runtime.Execution;

/// <summary>The outcome of one run.</summary>
/// <param name="RunId">The run's id in the store.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Metrics">Holdout metrics by stored name (empty when training did not happen).</param>
/// <param name="ModelVersion">The registered version (also when the gates failed: such a version can never be promoted).</param>
/// <param name="Message">One line on why it ended as it did (the first errors for a validation failure).</param>
public sealed record PipelineRunResult(
    string RunId,
    PipelineRunStatus Status,
    IReadOnlyDictionary<string, double> Metrics,
    int? ModelVersion,
    string Message)
{
    /// <summary>The gate verdicts with the values they judged (holdout or worst fold); empty when no gate ran.</summary>
    public IReadOnlyList<Evaluation.GateVerdict> GateVerdicts { get; init; } = [];

    /// <summary>How many nodes were restored from the step cache instead of running (every node: nothing changed).</summary>
    public int CachedNodes { get; init; }
}
