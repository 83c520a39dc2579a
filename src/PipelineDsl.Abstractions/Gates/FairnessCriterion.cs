namespace PipelineDsl;

/// <summary>How a <see cref="FairnessGateAttribute"/> compares the groups of a sensitive member.</summary>
public enum FairnessCriterion
{
    /// <summary>The largest difference between groups' positive prediction rates.</summary>
    DemographicParity = 0,
    /// <summary>The largest difference between groups' true positive rates or false positive rates, whichever is larger.</summary>
    EqualizedOdds = 1,
}
