namespace PipelineDsl.Runtime.Tests.Temporal;

/// <summary>
/// Sums and means come from differences of per-entity prefix sums. These tests pin down where that is exact and
/// where it is not (a window's sum should depend only on the events inside it).
/// </summary>
public class PrefixSumPrecisionTests
{
    private static readonly DateTime Day = new(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Integer_valued_sums_are_exact_over_long_histories()
    {
        var specs = new[]
        {
            EventWindows.CountWindow(PipelineDsl.Aggregate.Sum, 3),
            EventWindows.CountWindow(PipelineDsl.Aggregate.Mean, 4),
        };
        var rows = Enumerable.Range(0, 3000).Select(i => new Event("a", Day.AddMinutes(i), i % 97, null)).ToArray();

        var actual = EventWindows.Replay(EventWindows.CreateEngine(specs), rows);

        for (var i = 4; i < rows.Length; i++)
        {
            Assert.Equal(rows[i - 3].Amount + rows[i - 2].Amount + rows[i - 1].Amount, actual[i * 2]);
            Assert.Equal((rows[i - 4].Amount + rows[i - 3].Amount + rows[i - 2].Amount + rows[i - 1].Amount) / 4, actual[(i * 2) + 1]);
        }
    }

    [Fact]
    public void An_infinite_value_only_affects_the_windows_that_contain_it()
    {
        var specs = new[] { EventWindows.CountWindow(PipelineDsl.Aggregate.Sum, 1), EventWindows.CountWindow(PipelineDsl.Aggregate.Mean, 1) };
        Event[] rows =
        [
            new("a", Day.AddHours(1), 1, null),
            new("a", Day.AddHours(2), double.PositiveInfinity, null),
            new("a", Day.AddHours(3), 2, null),
            new("a", Day.AddHours(4), 3, null),
        ];

        var actual = EventWindows.Replay(EventWindows.CreateEngine(specs), rows);

        // Row 3 sees only the event of 03:00 (value 2).
        Assert.Equal(double.PositiveInfinity, actual[2 * 2]);
        Assert.Equal(2, actual[3 * 2]);
        Assert.Equal(2, actual[(3 * 2) + 1]);
    }

    [Fact]
    public void A_large_earlier_value_does_not_erase_small_later_ones()
    {
        var specs = new[] { EventWindows.CountWindow(PipelineDsl.Aggregate.Sum, 1) };
        Event[] rows =
        [
            new("a", Day.AddHours(1), 1e17, null),
            new("a", Day.AddHours(2), 1, null),
            new("a", Day.AddHours(3), 0, null),
        ];

        var actual = EventWindows.Replay(EventWindows.CreateEngine(specs), rows);

        // Row 2's window is the single event of 02:00, whose value is 1.
        Assert.Equal(1, actual[2]);
    }
}
