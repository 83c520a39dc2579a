using System;

namespace PipelineDsl;

/// <summary>
/// Declares a point-in-time window feature on a <see cref="FeatureSetAttribute"/> class: an aggregate of one member
/// over the same entity's (<see cref="KeyAttribute"/>) earlier rows, strictly before the row's timestamp
/// (<see cref="DatasetAttribute.Timestamp"/>). The generator emits one implementation that training replays over
/// the dataset and serving maintains incrementally per entity, so both see the same value for the same row.
/// </summary>
/// <example><code>
/// [Window("RidersMean7d", nameof(StationDay.Riders), Aggregate.Mean, "7d")]          // the 7 days before the row
/// [Window("RidersLastWeek", nameof(StationDay.Riders), Aggregate.Last, "1d", Lag = "6d")] // the same weekday last week
/// [Window("TripsLast10", nameof(Trip.Fare), Aggregate.Mean, "10 events")]          // the 10 previous rows
/// </code></example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class WindowAttribute : Attribute
{
    /// <summary>Creates the declaration.</summary>
    /// <param name="name">The feature's name (a column of the feature vector).</param>
    /// <param name="member">The dataset member aggregated, e.g. <c>nameof(StationDay.Riders)</c>.</param>
    /// <param name="aggregate">The aggregate.</param>
    /// <param name="window">
    /// The window's length: a duration (<c>"30s"</c>, <c>"15m"</c>, <c>"12h"</c>, <c>"7d"</c>, <c>"2w"</c>) or a number of
    /// earlier rows (<c>"10 events"</c>).
    /// </param>
    public WindowAttribute(string name, string member, Aggregate aggregate, string window)
    {
        Name = name;
        Member = member;
        Aggregate = aggregate;
        Window = window;
    }

    /// <summary>The feature's name.</summary>
    public string Name { get; }

    /// <summary>The aggregated member.</summary>
    public string Member { get; }

    /// <summary>The aggregate.</summary>
    public Aggregate Aggregate { get; }

    /// <summary>The window's length: a duration or <c>"N events"</c>.</summary>
    public string Window { get; }

    /// <summary>
    /// An explicit lag (a duration): the window ends this long before the row's timestamp instead of at it, for data
    /// that arrives late. The window never includes the row's own timestamp.
    /// </summary>
    public string? Lag { get; set; }
}
