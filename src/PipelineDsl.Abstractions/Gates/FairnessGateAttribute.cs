using System;

namespace PipelineDsl;

/// <summary>
/// Gate rule (binary classification): across the groups of the sensitive dataset member <see cref="Member"/>, the
/// <see cref="Criterion"/> difference on the holdout must be at most <see cref="MaxDifference"/>. Groups with fewer
/// than <see cref="MinRows"/> holdout rows are reported but left out of the difference.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class FairnessGateAttribute : Attribute
{
    /// <summary>Creates the rule.</summary>
    /// <param name="member">The sensitive dataset member (use <c>nameof</c>).</param>
    /// <param name="criterion">Demographic parity or equalized odds.</param>
    /// <param name="maxDifference">The largest difference allowed between groups (0 to 1).</param>
    public FairnessGateAttribute(string member, FairnessCriterion criterion, double maxDifference)
    {
        Member = member;
        Criterion = criterion;
        MaxDifference = maxDifference;
    }

    /// <summary>The sensitive dataset member.</summary>
    public string Member { get; }

    /// <summary>The criterion.</summary>
    public FairnessCriterion Criterion { get; }

    /// <summary>The largest difference allowed between groups.</summary>
    public double MaxDifference { get; }

    /// <summary>Groups with fewer holdout rows are left out (default 30).</summary>
    public int MinRows { get; set; } = 30;
}
