using PipelineDsl.Runtime.Temporal;

namespace PipelineDsl.Runtime.Tests.Temporal;

public class OnlineReplayEqualityTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void One_by_one_query_then_observe_in_time_order_is_bit_identical_to_replay(int seed)
    {
        var rows = EventGenerator.Generate(seed);
        var specs = EventWindows.AllSpecs();
        var offline = EventWindows.Replay(EventWindows.CreateEngine(specs), rows);

        var online = Stream(EventWindows.CreateEngine(specs), rows);

        WindowReference.AssertBitIdentical(offline, online, specs, "online vs replay");
    }

    [Fact]
    public void Long_history_compacts_without_changing_any_value()
    {
        var rows = LongHistory(seed: 7, events: 5000);
        var specs = LongHistorySpecs();
        var replayEngine = EventWindows.CreateEngine(specs);
        var offline = EventWindows.Replay(replayEngine, rows);
        var onlineEngine = EventWindows.CreateEngine(specs);

        var online = Stream(onlineEngine, rows);

        // Compaction ran (the retained history is far shorter than the 5000 events), on both paths.
        Assert.True(replayEngine.RetainedEvents < 2500, $"replay retained {replayEngine.RetainedEvents} events");
        Assert.True(onlineEngine.RetainedEvents < 2500, $"online retained {onlineEngine.RetainedEvents} events");
        WindowReference.AssertBitIdentical(offline, online, specs, "online vs replay");
        WindowReference.AssertMatches(WindowReference.Replay(rows, specs), offline, specs, rows);
    }

    [Fact]
    public void Long_history_replayed_in_several_batches_matches_one_replay()
    {
        var rows = LongHistory(seed: 8, events: 3000);
        var specs = LongHistorySpecs();
        var offline = EventWindows.Replay(EventWindows.CreateEngine(specs), rows);
        var batched = new double[offline.Length];
        var engine = EventWindows.CreateEngine(specs);

        // LongHistory is already in time order, so consecutive slices keep every entity in time order.
        foreach (var (start, length) in new[] { (0, 700), (700, 1), (701, 1299), (2000, rows.Count - 2000) })
        {
            var slice = rows.GetRange(start, length).ToArray();
            engine.Replay(slice, batched.AsSpan(start * specs.Count, length * specs.Count));
        }

        WindowReference.AssertBitIdentical(offline, batched, specs, "batched vs single replay");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Query_only_at_arbitrary_later_times_equals_the_reference(int seed)
    {
        var rows = EventGenerator.Generate(seed);
        var specs = EventWindows.AllSpecs();
        var engine = EventWindows.CreateEngine(specs);
        EventWindows.Replay(engine, rows);
        var history = WindowReference.History(rows);
        var rng = new Random(seed);

        // Several later times per entity (including exactly the last event's time), asked in random order.
        var queries = new List<Event>();
        foreach (var (key, events) in history)
        {
            var last = events[^1].Time;
            queries.Add(new Event(key, last, 0, null));
            for (var q = 0; q < 6; q++)
            {
                queries.Add(new Event(key, last.AddMinutes(rng.Next(1, 10 * 24 * 60)), 0, null));
            }
        }

        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(queries));
        var actual = new double[queries.Count * specs.Count];
        var expected = new double[actual.Length];
        for (var i = 0; i < queries.Count; i++)
        {
            engine.Query(queries[i], actual.AsSpan(i * specs.Count, specs.Count));
            WindowReference.Query(history[queries[i].Key], queries[i].Time.Ticks, specs).CopyTo(expected, i * specs.Count);
        }

        WindowReference.AssertMatches(expected, actual, specs, queries);

        // Queries observe nothing: replaying nothing more, a second pass gives the same bits.
        var again = new double[actual.Length];
        for (var i = 0; i < queries.Count; i++)
        {
            engine.Query(queries[i], again.AsSpan(i * specs.Count, specs.Count));
        }

        WindowReference.AssertBitIdentical(actual, again, specs, "repeated queries");
    }

    [Fact]
    public void Query_does_not_observe_the_row()
    {
        var specs = EventWindows.AllAggregates(TimeSpan.FromDays(1).Ticks, 0, 0).ToArray();
        var engine = EventWindows.CreateEngine(specs);
        var first = new Event("a", EventGenerator.Origin, 5, "x");
        var later = new Event("a", EventGenerator.Origin.AddHours(1), 7, "y");
        engine.Observe(first);
        var before = new double[specs.Length];
        var after = new double[specs.Length];

        engine.Query(later, before);
        engine.Query(later, before);
        engine.Query(later with { Time = later.Time.AddMinutes(1) }, after);

        Assert.Equal(1, before[0]);
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void Serving_queries_at_increasing_times_between_observes_match_the_reference_and_do_not_disturb_replay(int seed)
    {
        // Requests arrive in time order; each event is observed when it becomes known (possibly after requests
        // that are later than it). Request time never goes backwards, event time never goes backwards per entity.
        var rows = EventGenerator.InTimeOrder(EventGenerator.Generate(seed));
        var specs = EventWindows.AllSpecs();
        var engine = EventWindows.CreateEngine(specs);
        var rng = new Random(seed);
        var observed = new Dictionary<string, List<Event>>();
        var requests = new List<Event>();
        var expected = new List<double>();
        var actual = new List<double>();
        var destination = new double[specs.Count];
        var clock = rows[0].Time;
        foreach (var row in rows)
        {
            // A request for this entity a little after the event, before the event itself is observed.
            var requestTime = row.Time.AddMinutes(rng.Next(0, 90));
            clock = requestTime > clock ? requestTime : clock;
            var request = new Event(row.Key, clock, 0, null);
            engine.Query(request, destination);
            actual.AddRange(destination);
            var seen = observed.TryGetValue(row.Key, out var list) ? list : [];
            expected.AddRange(WindowReference.Query(seen, clock.Ticks, specs));
            requests.Add(request);

            engine.Observe(row);
            seen.Add(row);
            observed[row.Key] = seen;
        }

        WindowReference.AssertMatches([.. expected], [.. actual], specs, requests);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public void Probing_queries_ahead_of_the_stream_do_not_change_later_values(int seed)
    {
        // Between Query(row)/Observe(row) steps, the same entity is also asked about a later time (a look-ahead
        // request) that is not observed. The class documents that a query earlier than the previous one is
        // rebuilt "from the retained events (same result, more work)", so the stream must still equal Replay.
        var rows = EventGenerator.InTimeOrder(EventGenerator.Generate(seed));
        var specs = EventWindows.AllSpecs();
        var offline = EventWindows.Replay(EventWindows.CreateEngine(specs), rows);
        var engine = EventWindows.CreateEngine(specs);
        var rng = new Random(seed);
        var online = new double[offline.Length];
        var probe = new double[specs.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            engine.Query(rows[i], online.AsSpan(i * specs.Count, specs.Count));
            if (rng.NextDouble() < 0.1)
            {
                engine.Query(rows[i] with { Time = rows[i].Time.AddDays(rng.Next(1, 20)) }, probe);
            }

            engine.Observe(rows[i]);
        }

        WindowReference.AssertBitIdentical(offline, online, specs, "stream with look-ahead probes vs replay");
    }

    [Fact]
    public void Look_ahead_query_then_observe_then_earlier_query_keeps_the_time_window()
    {
        // Minimal repro: 64 events one minute apart, a look-ahead query 30 days later (not observed), one more
        // event, then a query at minute 65. The 1h window [00:05, 01:05) holds the events of minutes 5..64: 60.
        var specs = new[] { EventWindows.TimeWindow(Aggregate.Count, TimeSpan.FromHours(1)) };
        var engine = EventWindows.CreateEngine(specs);
        var t0 = EventGenerator.Origin;
        for (var i = 0; i < 64; i++)
        {
            engine.Observe(new Event("a", t0.AddMinutes(i), 1, null));
        }

        var value = new double[1];
        engine.Query(new Event("a", t0.AddDays(30), 0, null), value);
        Assert.Equal(0, value[0]);
        engine.Observe(new Event("a", t0.AddMinutes(64), 1, null));

        engine.Query(new Event("a", t0.AddMinutes(65), 0, null), value);

        Assert.Equal(60, value[0]);
    }

    [Fact]
    public void Look_ahead_query_then_observe_then_earlier_query_keeps_the_count_window()
    {
        // Same sequence with a 10-event window lagged by 1h: the query at minute 65 sees the events before
        // minute 5, i.e. minutes 0..4 (values 0..4).
        var specs = new[] { EventWindows.CountWindow(Aggregate.Sum, 10, TimeSpan.FromHours(1)) };
        var engine = EventWindows.CreateEngine(specs);
        var t0 = EventGenerator.Origin;
        for (var i = 0; i < 64; i++)
        {
            engine.Observe(new Event("a", t0.AddMinutes(i), i, null));
        }

        var value = new double[1];
        engine.Query(new Event("a", t0.AddDays(30), 0, null), value);
        engine.Observe(new Event("a", t0.AddMinutes(64), 64, null));

        engine.Query(new Event("a", t0.AddMinutes(65), 0, null), value);

        Assert.Equal(0 + 1 + 2 + 3 + 4, value[0]);
    }

    /// <summary>Query then Observe each row, in a stable global time order; output in input order.</summary>
    internal static double[] Stream(WindowEngine<Event, string> engine, IReadOnlyList<Event> rows)
    {
        var width = engine.Specs.Count;
        var output = new double[rows.Count * width];
        foreach (var i in Enumerable.Range(0, rows.Count).OrderBy(i => rows[i].Time.Ticks))
        {
            engine.Query(rows[i], output.AsSpan(i * width, width));
            engine.Observe(rows[i]);
        }

        return output;
    }

    /// <summary>One entity with <paramref name="events"/> events 0-20 minutes apart (ties included), plus a few short ones.</summary>
    internal static List<Event> LongHistory(int seed, int events)
    {
        var rng = new Random(seed);
        var rows = new List<Event>();
        var time = EventGenerator.Origin;
        string?[] categories = ["a", "b", "c", null];
        for (var i = 0; i < events; i++)
        {
            time = time.AddMinutes(rng.Next(0, 21));
            var key = i % 25 == 0 ? "short" + rng.Next(8) : "long";
            rows.Add(new Event(key, time, EventGenerator.NextAmount(rng), categories[rng.Next(categories.Length)]));
        }

        return rows;
    }

    internal static IReadOnlyList<WindowSpec> LongHistorySpecs()
    {
        var windows = new (long Duration, int Events)[] { (TimeSpan.FromHours(1).Ticks, 0), (TimeSpan.FromDays(1).Ticks, 0), (0, 1), (0, 3), (0, 10) };
        var lags = new[] { 0L, TimeSpan.FromHours(1).Ticks };
        return lags.SelectMany(lag => windows.SelectMany(w => EventWindows.AllAggregates(w.Duration, w.Events, lag))).ToArray();
    }
}
