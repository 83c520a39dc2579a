namespace PipelineDsl.Runtime.Store;

/// <summary>How one DAG node of a run ended.</summary>
/// <param name="NodeId">The node id.</param>
/// <param name="Status"><c>completed</c>, <c>failed</c>, <c>skipped</c> or <c>cancelled</c>.</param>
/// <param name="ElapsedMs">Wall time in milliseconds.</param>
/// <param name="Summary">The node's one-line summary, or why it failed.</param>
public sealed record RunNodeRecord(string NodeId, string Status, long ElapsedMs, string? Summary);
