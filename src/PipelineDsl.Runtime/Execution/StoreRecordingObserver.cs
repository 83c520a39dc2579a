using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Runtime.Execution;

/// <summary>Writes each node's outcome to <c>run_nodes</c> as it happens, then forwards to the host's observer.</summary>
internal sealed class StoreRecordingObserver(PipelineStore store, string runId, IPipelineObserver? inner) : IPipelineObserver
{
    public void OnNodeStarting(string nodeId) => inner?.OnNodeStarting(nodeId);

    public void OnNodeCompleted(string nodeId, TimeSpan elapsed, string summary)
    {
        var status = CachedNode.IsCached(summary) ? "cached" : "completed";
        store.RecordNode(runId, nodeId, status, (long)elapsed.TotalMilliseconds, summary);
        inner?.OnNodeCompleted(nodeId, elapsed, summary);
    }

    public void OnNodeFailed(string nodeId, TimeSpan elapsed, string reason)
    {
        var status = reason.StartsWith("skipped:", StringComparison.Ordinal) ? "skipped"
            : reason.StartsWith("cancelled", StringComparison.Ordinal) ? "cancelled"
            : "failed";
        store.RecordNode(runId, nodeId, status, (long)elapsed.TotalMilliseconds, reason);
        inner?.OnNodeFailed(nodeId, elapsed, reason);
    }
}
