using System;

namespace PipelineDsl;

/// <summary>
/// Declares a point-in-time (as-of) join on a <see cref="FeatureSetAttribute"/> class: each row is joined to the
/// latest row of another dataset for the same key at or before the row's timestamp (minus <see cref="Lag"/>), within
/// <see cref="Tolerance"/> when one is given. Feature methods receive the joined row as an extra, nullable parameter
/// of that dataset's type; it is <see langword="null"/> when no row matches. Unmatched rows are counted per run.
/// </summary>
/// <example><code>
/// [AsOfJoin(typeof(Weather), Tolerance = "1d")]
/// public static partial class RidershipFeatures
/// {
///     [Feature] public static float Rain(StationDay day, Weather? weather) => weather?.Rain ?? float.NaN;
/// }
/// </code></example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class AsOfJoinAttribute : Attribute
{
    /// <summary>Creates the declaration.</summary>
    /// <param name="dataset">The joined row type: a <see cref="DatasetAttribute"/> class with a timestamp.</param>
    public AsOfJoinAttribute(Type dataset) => Dataset = dataset;

    /// <summary>The joined row type.</summary>
    public Type Dataset { get; }

    /// <summary>
    /// The member of this feature set's dataset matched against the joined dataset's <see cref="KeyAttribute"/> member.
    /// Defaults to the member with the key's name; when the joined dataset has no key the join is on time alone.
    /// </summary>
    public string? On { get; set; }

    /// <summary>How old the joined row may be (a duration such as <c>"1d"</c>); unlimited when null.</summary>
    public string? Tolerance { get; set; }

    /// <summary>Join as of this long before the row's timestamp (a duration), for data that is published late.</summary>
    public string? Lag { get; set; }
}
