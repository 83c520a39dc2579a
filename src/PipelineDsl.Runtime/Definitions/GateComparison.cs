namespace PipelineDsl.Runtime;

/// <summary>Direction of a metric gate.</summary>
public enum GateComparison
{
    /// <summary>The metric must be at least the threshold.</summary>
    AtLeast,
    /// <summary>The metric must be at most the threshold.</summary>
    AtMost,
}
