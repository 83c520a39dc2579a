using PipelineDsl.Runtime.Temporal;

namespace PipelineDsl.Runtime.Tests.Temporal;

public class WindowEngineReferenceTests
{
    private const double NaN = double.NaN;

    private static readonly DateTime Day = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Replay_matches_the_brute_force_reference_for_every_aggregate_window_and_lag(int seed)
    {
        var rows = EventGenerator.Generate(seed);
        var specs = EventWindows.AllSpecs();

        var actual = EventWindows.Replay(EventWindows.CreateEngine(specs), rows);

        WindowReference.AssertMatches(WindowReference.Replay(rows, specs), actual, specs, rows);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Replay_with_one_engine_per_window_matches_the_reference_and_compacts_short_windows(int seed)
    {
        var rows = EventGenerator.Generate(seed);
        foreach (var (duration, events, lag) in EventWindows.AllWindows())
        {
            var specs = EventWindows.AllAggregates(duration, events, lag).ToArray();
            var engine = EventWindows.CreateEngine(specs);

            var actual = EventWindows.Replay(engine, rows);

            WindowReference.AssertMatches(WindowReference.Replay(rows, specs), actual, specs, rows);
            if (events is > 0 and <= 3 || duration == TimeSpan.FromHours(1).Ticks)
            {
                // The heaviest entity has hundreds of rows: short windows must not keep them all.
                Assert.True(engine.RetainedEvents < rows.Count, $"{specs[0]}: {engine.RetainedEvents} events retained of {rows.Count}");
            }
        }
    }

    [Fact]
    public void Random_data_has_ties_missing_values_and_unsorted_input()
    {
        var rows = EventGenerator.Generate(1);

        Assert.Equal(2000, rows.Count);
        Assert.InRange(rows.Select(r => r.Key).Distinct().Count(), 40, 50);
        Assert.True(rows.GroupBy(r => (r.Key, r.Time)).Count(g => g.Count() > 1) > 100, "expected many (key, time) ties");
        Assert.InRange(rows.Count(r => double.IsNaN(r.Amount)), 50, 150);
        Assert.Contains(rows, r => r.Category is null);
        Assert.False(rows.Zip(rows.Skip(1)).All(p => p.First.Time <= p.Second.Time), "input must be unsorted");
        Assert.True(rows.Count(r => r.Key == "k0") >= 128, "the heaviest entity must be long enough to compact");
    }

    [Fact]
    public void Hand_computed_fixture_gives_the_exact_values_including_strictly_before_at_equal_times()
    {
        // Entity "a": e0 10:00 (1, x), e1 11:00 (2, y), e2 11:00 (NaN, null), e3 12:00 (4, x), e4 13:00 (8, y);
        // entity "b" has one event in between. The input is deliberately out of time order (e1 stays before e2).
        var e0 = new Event("a", Day.AddHours(10), 1, "x");
        var e1 = new Event("a", Day.AddHours(11), 2, "y");
        var e2 = new Event("a", Day.AddHours(11), NaN, null);
        var e3 = new Event("a", Day.AddHours(12), 4, "x");
        var e4 = new Event("a", Day.AddHours(13), 8, "y");
        var b = new Event("b", Day.AddHours(10.5), 100, "z");
        Event[] rows = [e3, e1, b, e4, e0, e2];

        var oneHour = Seven(TimeSpan.FromHours(1).Ticks, 0, 0);
        var threeEvents = Seven(0, 3, 0);
        var oneHourLagOneHour = Seven(TimeSpan.FromHours(1).Ticks, 0, TimeSpan.FromHours(1).Ticks);
        var oneEvent = Seven(0, 1, 0);
        var specs = oneHour.Concat(threeEvents).Concat(oneHourLagOneHour).Concat(oneEvent).ToArray();

        double[] empty = [0, 0, NaN, NaN, NaN, NaN, 0];
        double[] onlyE0 = [1, 1, 1, 1, 1, 1, 1];
        var expected = new Dictionary<Event, double[]>
        {
            // Count, Sum, Mean, Min, Max, Last, DistinctCount for 1h | 3 events | 1h lag 1h | 1 event.
            [e0] = [.. empty, .. empty, .. empty, .. empty],

            // e0 at exactly t - 1h is inside [t - 1h, t); with a 1h lag nothing is strictly before 10:00.
            [e1] = [.. onlyE0, .. onlyE0, .. empty, .. onlyE0],

            // The tie: e1 (same time) is not strictly before e2, so e2 sees what e1 saw.
            [e2] = [.. onlyE0, .. onlyE0, .. empty, .. onlyE0],

            // 1h: {e1, e2}, last is e2's NaN; 3 events: {e0, e1, e2}; lag: {e0}; 1 event: {e2}, all missing but counted.
            [e3] = [2, 2, 2, 2, 2, NaN, 1, 3, 3, 1.5, 1, 2, NaN, 2, .. onlyE0, 1, 0, NaN, NaN, NaN, NaN, 0],

            // 1h: {e3}; 3 events: {e1, e2, e3}; lag: [11:00, 12:00) = {e1, e2}; 1 event: {e3}.
            [e4] = [1, 4, 4, 4, 4, 4, 1, 3, 6, 3, 2, 4, 4, 2, 2, 2, 2, 2, 2, NaN, 1, 1, 4, 4, 4, 4, 4, 1],
            [b] = [.. empty, .. empty, .. empty, .. empty],
        };

        var actual = EventWindows.Replay(EventWindows.CreateEngine(specs), rows);

        for (var i = 0; i < rows.Length; i++)
        {
            var row = actual.AsSpan(i * specs.Length, specs.Length).ToArray();
            Assert.Equal(expected[rows[i]], row);
        }

        // The reference agrees with the hand computation.
        Assert.Equal(WindowReference.Replay(rows, specs), actual);
    }

    [Fact]
    public void Hand_computed_min_and_max_skip_missing_values_and_slide_out_of_a_count_window()
    {
        // Amounts 5, NaN, 3, 9, 3, 1 at one-minute steps: running min/max/last over the last 3 events.
        double[] amounts = [5, NaN, 3, 9, 3, 1];
        var rows = amounts.Select((a, i) => new Event("a", Day.AddMinutes(i), a, i % 2 == 0 ? "p" : "q")).ToArray();
        WindowSpec[] specs =
        [
            EventWindows.CountWindow(Aggregate.Min, 3),
            EventWindows.CountWindow(Aggregate.Max, 3),
            EventWindows.CountWindow(Aggregate.Last, 3),
            EventWindows.CountWindow(Aggregate.Mean, 3),
            EventWindows.CountWindow(Aggregate.DistinctCount, 3),
        ];
        double[][] expected =
        [
            [NaN, NaN, NaN, NaN, 0],
            [5, 5, 5, 5, 1],          // {5}
            [5, 5, NaN, 5, 2],        // {5, NaN}
            [3, 5, 3, 4, 2],          // {5, NaN, 3}
            [3, 9, 9, 6, 2],          // {NaN, 3, 9}
            [3, 9, 3, 5, 2],          // {3, 9, 3}
        ];

        var actual = EventWindows.Replay(EventWindows.CreateEngine(specs), rows);

        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(expected[i], actual.AsSpan(i * specs.Length, specs.Length).ToArray());
        }
    }

    [Fact]
    public void Query_for_an_unseen_entity_gives_empty_windows()
    {
        var specs = Seven(TimeSpan.FromDays(1).Ticks, 0, 0);
        var engine = EventWindows.CreateEngine(specs);
        engine.Observe(new Event("a", Day, 1, "x"));
        var destination = new double[specs.Length];

        engine.Query(new Event("nobody", Day.AddHours(1), 5, "y"), destination);

        Assert.Equal([0, 0, NaN, NaN, NaN, NaN, 0], destination);
    }

    private static WindowSpec[] Seven(long durationTicks, int events, long lagTicks) =>
        EventWindows.AllAggregates(durationTicks, events, lagTicks).Take(7).ToArray();
}
