namespace PipelineDsl.Runtime.Execution;

/// <summary>The outcome of every node of one DAG execution.</summary>
/// <param name="Outcomes">One outcome per node, in the order they were settled.</param>
public sealed record DagExecutionResult(IReadOnlyList<NodeOutcome> Outcomes)
{
    /// <summary>Whether every node completed.</summary>
    public bool Succeeded => Outcomes.All(o => o.State == NodeState.Completed);

    /// <summary>The failed nodes, in the order they failed.</summary>
    public IEnumerable<NodeOutcome> Failures => Outcomes.Where(o => o.State == NodeState.Failed);

    /// <summary>The outcome of node <paramref name="nodeId"/>.</summary>
    public NodeOutcome this[string nodeId] => Outcomes.First(o => o.NodeId == nodeId);
}
