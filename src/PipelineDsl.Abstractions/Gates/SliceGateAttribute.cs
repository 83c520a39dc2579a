using System;

namespace PipelineDsl;

/// <summary>
/// Gate rule on every slice of the holdout: for each value of the dataset member <see cref="Member"/> (a categorical
/// column such as a plan or a region), the <see cref="Metric"/> computed on that slice's rows must be at least
/// <see cref="Threshold"/> (at most, for error metrics). Slices with fewer than <see cref="MinRows"/> rows are reported
/// but not judged.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class SliceGateAttribute : Attribute
{
    /// <summary>Creates the rule.</summary>
    /// <param name="member">The dataset member to slice by (use <c>nameof</c>).</param>
    /// <param name="metric">The metric judged on each slice.</param>
    /// <param name="threshold">The bound every judged slice must meet.</param>
    public SliceGateAttribute(string member, Metric metric, double threshold)
    {
        Member = member;
        Metric = metric;
        Threshold = threshold;
    }

    /// <summary>The dataset member to slice by.</summary>
    public string Member { get; }

    /// <summary>The metric judged on each slice.</summary>
    public Metric Metric { get; }

    /// <summary>The bound (inclusive).</summary>
    public double Threshold { get; }

    /// <summary>Slices with fewer holdout rows are not judged (default 30).</summary>
    public int MinRows { get; set; } = 30;
}
