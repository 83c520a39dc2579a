namespace PipelineDsl.Runtime.Execution;

/// <summary>How a DAG node ended.</summary>
public enum NodeState
{
    /// <summary>The node's action returned.</summary>
    Completed,
    /// <summary>The node's action threw.</summary>
    Failed,
    /// <summary>The node did not run because a dependency failed.</summary>
    Skipped,
    /// <summary>The node was cancelled or never started because the run was cancelled.</summary>
    Cancelled,
}
