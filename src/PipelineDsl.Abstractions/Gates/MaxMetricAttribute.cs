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

    /// <summary>
    /// When true, the rule applies to the worst backtest fold (<see cref="PipelineAttribute.BacktestFolds"/>) instead of
    /// the holdout: every fold must pass.
    /// </summary>
    public bool WorstFold { get; set; }
}
