namespace PipelineDsl.Runtime.Execution;

/// <summary>How one DAG node ended.</summary>
/// <param name="NodeId">The node id.</param>
/// <param name="State">Completed, failed, skipped or cancelled.</param>
/// <param name="Elapsed">How long its action ran (zero when it did not run).</param>
/// <param name="Summary">The action's one-line summary, or why it failed or was skipped.</param>
/// <param name="Error">The exception a failed node threw.</param>
public sealed record NodeOutcome(string NodeId, NodeState State, TimeSpan Elapsed, string Summary, Exception? Error);
