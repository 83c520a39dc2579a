namespace PipelineDsl.Runtime.Execution;

/// <summary>
/// The observer of one step (<c>step NODE</c>): the step's node is recorded and reported to the host; the ancestors it
/// restores are only recorded, and only when the run has no record of them yet (their own step recorded how they ran).
/// </summary>
internal sealed class StepObserver(string node, IReadOnlySet<string> recorded, IPipelineObserver reported, IPipelineObserver recordedOnly) : IPipelineObserver
{
    public void OnNodeStarting(string nodeId) => Target(nodeId)?.OnNodeStarting(nodeId);

    public void OnNodeCompleted(string nodeId, TimeSpan elapsed, string summary) => Target(nodeId)?.OnNodeCompleted(nodeId, elapsed, summary);

    /// <summary>A restored ancestor that fails (a corrupt artifact) is the step's failure: recorded and reported.</summary>
    public void OnNodeFailed(string nodeId, TimeSpan elapsed, string reason) => reported.OnNodeFailed(nodeId, elapsed, reason);

    private IPipelineObserver? Target(string nodeId) =>
        nodeId == node ? reported
        : recorded.Contains(nodeId) ? null
        : recordedOnly;
}
