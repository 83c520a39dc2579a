namespace PipelineDsl.Runtime.Temporal;

/// <summary>The outcome of one as-of lookup.</summary>
public enum AsOfMatch
{
    /// <summary>A row of the same key at or before the time, within the tolerance.</summary>
    Matched,

    /// <summary>The joined dataset has no row with this key at all.</summary>
    UnknownKey,

    /// <summary>The key is known but its first row is later than the time.</summary>
    NoEarlierRow,

    /// <summary>The latest earlier row is older than the tolerance.</summary>
    OutsideTolerance,
}
