namespace PipelineDsl.Runtime.Execution;

/// <summary>Hooks the host uses to show progress (Kedro's node hooks).</summary>
public interface IPipelineObserver
{
    /// <summary>A node starts.</summary>
    void OnNodeStarting(string nodeId);

    /// <summary>A node finished; <paramref name="summary"/> is one line on what it did.</summary>
    void OnNodeCompleted(string nodeId, TimeSpan elapsed, string summary);

    /// <summary>A node failed or was skipped because a dependency failed.</summary>
    void OnNodeFailed(string nodeId, TimeSpan elapsed, string reason);

    /// <summary>A running node reports progress (e.g. a deep-learning epoch); ignored unless the host shows it.</summary>
    void OnNodeProgress(string nodeId, string message)
    {
    }
}
