using System;

namespace PipelineDsl;

/// <summary>Gate rule: the holdout <see cref="Metric"/> must be at least <see cref="Threshold"/>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class MinMetricAttribute : Attribute
{
    /// <summary>Creates the rule.</summary>
    public MinMetricAttribute(Metric metric, double threshold)
    {
        Metric = metric;
        Threshold = threshold;
    }

    /// <summary>The metric.</summary>
    public Metric Metric { get; }

    /// <summary>The inclusive lower bound.</summary>
    public double Threshold { get; }
}
