using System;

namespace PipelineDsl;

/// <summary>Validation rule: a numeric member must lie in [<see cref="Minimum"/>, <see cref="Maximum"/>].</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class RangeAttribute : Attribute
{
    /// <summary>Creates the rule; both bounds are inclusive.</summary>
    public RangeAttribute(double minimum, double maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>Inclusive lower bound.</summary>
    public double Minimum { get; }

    /// <summary>Inclusive upper bound.</summary>
    public double Maximum { get; }
}
