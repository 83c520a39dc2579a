namespace PipelineDsl.Runtime;

/// <summary>What a <see cref="GateRule"/> judges.</summary>
public enum GateKind
{
    /// <summary>A holdout (or worst-fold) metric against a bound: <c>[MinMetric]</c>, <c>[MaxMetric]</c>.</summary>
    Threshold = 0,
    /// <summary>The candidate against the production champion: <c>[NoRegression]</c>; the threshold is the tolerance.</summary>
    NoRegression = 1,
    /// <summary>A metric on every slice of a categorical member: <c>[SliceGate]</c>.</summary>
    Slice = 2,
    /// <summary>A fairness difference across the groups of a sensitive member: <c>[FairnessGate]</c>.</summary>
    Fairness = 3,
}
