using System;

namespace PipelineDsl;

/// <summary>
/// Gate rule: the candidate's holdout <see cref="Metric"/> must not be worse than the current production version's
/// (the champion's) by more than <see cref="Tolerance"/> (absolute). Passes when there is no production version yet.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class NoRegressionAttribute : Attribute
{
    /// <summary>Creates the rule.</summary>
    public NoRegressionAttribute(Metric metric) => Metric = metric;

    /// <summary>The compared metric.</summary>
    public Metric Metric { get; }

    /// <summary>How much worse than the champion the candidate may be (0: at least as good).</summary>
    public double Tolerance { get; set; }
}
