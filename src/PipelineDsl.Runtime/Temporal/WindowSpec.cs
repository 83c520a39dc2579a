namespace PipelineDsl.Runtime.Temporal;

/// <summary>One declared window feature, as the generator compiled it (durations in ticks).</summary>
/// <param name="Name">The feature's name.</param>
/// <param name="Member">The aggregated dataset member.</param>
/// <param name="Aggregate">The aggregate.</param>
/// <param name="Slot">
/// Where the member's value sits in the extracted event: a numeric slot for sum, mean, min, max and last, a
/// categorical slot for distinct count; ignored for count.
/// </param>
/// <param name="DurationTicks">A time window's length in ticks; 0 for a window of <paramref name="Events"/> rows.</param>
/// <param name="Events">A count window's number of rows; 0 for a time window.</param>
/// <param name="LagTicks">How long before the row's timestamp the window ends (0: it ends at the timestamp, exclusive).</param>
public sealed record WindowSpec(string Name, string Member, Aggregate Aggregate, int Slot, long DurationTicks, int Events, long LagTicks)
{
    /// <summary>Whether the window counts rows rather than time.</summary>
    public bool IsCountWindow => Events > 0;

    /// <summary>Whether the aggregate reads a categorical slot.</summary>
    public bool IsCategorical => Aggregate == Aggregate.DistinctCount;

    /// <summary>A compact description, e.g. <c>mean(Riders) over 7d</c>.</summary>
    public override string ToString()
    {
        var span = IsCountWindow ? $"{Events} events" : TimeSpan.FromTicks(DurationTicks).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        var lag = LagTicks > 0 ? $" lag {TimeSpan.FromTicks(LagTicks).ToString("c", System.Globalization.CultureInfo.InvariantCulture)}" : string.Empty;
        return $"{Aggregate}({Member}) over {span}{lag}";
    }
}
