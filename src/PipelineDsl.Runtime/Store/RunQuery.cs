namespace PipelineDsl.Runtime.Store;

/// <summary>
/// Which runs <see cref="PipelineStore.QueryRuns"/> returns and in what order: filtered by pipeline, status and
/// conditions on headline (step 0) metrics and parameters, optionally sorted by a metric, newest first otherwise.
/// </summary>
public sealed record RunQuery
{
    /// <summary>Only runs of this pipeline; every pipeline when <see langword="null"/>.</summary>
    public string? Pipeline { get; init; }

    /// <summary>
    /// Only runs with this status (<c>succeeded</c>, <c>failed</c>, <c>failed_gate</c>, <c>failed_validation</c>,
    /// <c>cancelled</c> or <c>running</c>); every status when <see langword="null"/>.
    /// </summary>
    public string? Status { get; init; }

    /// <summary>Conditions every returned run satisfies (all of them: they are combined with AND).</summary>
    public IReadOnlyList<RunCondition> Conditions { get; init; } = [];

    /// <summary>
    /// The step-0 metric to sort by; runs without it (or whose value is undefined) come last, newest first.
    /// When <see langword="null"/>, runs are listed newest first.
    /// </summary>
    public string? SortMetric { get; init; }

    /// <summary>
    /// Whether to sort <see cref="SortMetric"/> from the largest value down; when <see langword="null"/>, descending
    /// for a metric where higher is better and ascending for an error (see <see cref="MetricNames.HigherIsBetter"/>).
    /// </summary>
    public bool? Descending { get; init; }

    /// <summary>The most runs to return (at least 1).</summary>
    public int Limit { get; init; } = 50;

    /// <summary>Whether the sort, when there is one, runs from the largest value down.</summary>
    public bool SortsDescending => Descending ?? (SortMetric is null || MetricNames.HigherIsBetter(SortMetric));
}
