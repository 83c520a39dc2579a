namespace PipelineDsl.Runtime.Data;

/// <summary>What happened to one of a categorical column's most frequent values between two dataset versions.</summary>
public enum TopValueStatus
{
    /// <summary>Among the top values of both, with the same frequency.</summary>
    Unchanged,
    /// <summary>Among the top values of both, with a different frequency.</summary>
    Changed,
    /// <summary>Absent from the earlier version (whose top values list every value it held), present in the later one.</summary>
    New,
    /// <summary>Present in the earlier version, absent from the later one (whose top values list every value it holds).</summary>
    Vanished,
    /// <summary>Among the later version's top values only; the earlier version may hold it less often.</summary>
    EnteredTop,
    /// <summary>Among the earlier version's top values only; the later version may hold it less often.</summary>
    LeftTop,
}
