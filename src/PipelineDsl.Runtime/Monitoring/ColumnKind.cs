namespace PipelineDsl.Runtime.Monitoring;

/// <summary>How a monitored column is compared: by distribution (numeric) or by category counts (few distinct values).</summary>
public enum ColumnKind
{
    /// <summary>Compared with PSI, Kolmogorov-Smirnov, Jensen-Shannon and Wasserstein.</summary>
    Numeric,

    /// <summary>At most <see cref="ColumnProfileBuilder.MaxCategories"/> distinct values (booleans, codes): compared with chi-square and PSI over the categories.</summary>
    Categorical,
}
