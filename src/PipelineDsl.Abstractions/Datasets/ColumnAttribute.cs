using System;

namespace PipelineDsl;

/// <summary>
/// Maps a member to a CSV header whose name differs from the member's. Without it, a member matches the
/// header that equals its name ignoring case and underscores (<c>TotalDayMinutes</c> matches <c>total_day_minutes</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class ColumnAttribute : Attribute
{
    /// <summary>Creates the mapping.</summary>
    public ColumnAttribute(string name) => Name = name;

    /// <summary>The CSV header name.</summary>
    public string Name { get; }
}
