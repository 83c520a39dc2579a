namespace PipelineDsl.Runtime.Data;

/// <summary>How a column's declaration differs between two dataset versions.</summary>
public enum SchemaChangeKind
{
    /// <summary>The later version declares a column the earlier one does not.</summary>
    Added,
    /// <summary>The earlier version declares a column the later one does not.</summary>
    Removed,
    /// <summary>The column's storage type changed.</summary>
    TypeChanged,
    /// <summary>The column's role (key, label, timestamp, not available at prediction) changed.</summary>
    RoleChanged,
    /// <summary>The column became nullable, or stopped being nullable.</summary>
    NullabilityChanged,
}
