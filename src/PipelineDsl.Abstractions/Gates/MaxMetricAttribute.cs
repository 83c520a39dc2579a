using System;

namespace PipelineDsl;

/// <summary>Gate rule for error metrics: the holdout <see cref="Metric"/> must be at most <see cref="Threshold"/>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class MaxMetricAttribute : Attribute
{
    /// <summary>Creates the rule.</summary>
    public MaxMetricAttribute(Metric metric, double threshold)
    {
        Metric = metric;
        Threshold = threshold;
    }

    /// <summary>The metric.</summary>
    public Metric Metric { get; }

    /// <summary>The inclusive upper bound.</summary>
    public double Threshold { get; }
}
