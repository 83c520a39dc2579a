namespace PipelineDsl;

/// <summary>What a <see cref="WindowAttribute"/> computes over an entity's earlier rows in the window.</summary>
public enum Aggregate
{
    /// <summary>How many rows fall in the window (the member is ignored).</summary>
    Count,

    /// <summary>Sum of the member's values (missing values skipped); 0 for an empty window.</summary>
    Sum,

    /// <summary>Mean of the member's values (missing values skipped); NaN for an empty window.</summary>
    Mean,

    /// <summary>Smallest value; NaN for an empty window.</summary>
    Min,

    /// <summary>Largest value; NaN for an empty window.</summary>
    Max,

    /// <summary>The value of the latest row in the window; NaN for an empty window.</summary>
    Last,

    /// <summary>How many distinct values the member takes in the window (any member type).</summary>
    DistinctCount,
}
