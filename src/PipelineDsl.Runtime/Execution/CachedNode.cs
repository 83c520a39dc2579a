namespace PipelineDsl.Runtime.Execution;

/// <summary>How a node restored from the step cache is reported.</summary>
public static class CachedNode
{
    /// <summary>The prefix of such a node's summary (the original run's summary follows); the store records it as <c>cached</c>.</summary>
    public const string SummaryPrefix = "cached: ";

    /// <summary>Whether <paramref name="summary"/> is the summary of a node restored from the cache.</summary>
    public static bool IsCached(string? summary) => summary is not null && summary.StartsWith(SummaryPrefix, StringComparison.Ordinal);
}
