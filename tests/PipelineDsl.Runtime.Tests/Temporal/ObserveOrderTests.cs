namespace PipelineDsl.Runtime.Tests.Temporal;

public class ObserveOrderTests
{
    private static readonly DateTime Day = new(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Out_of_order_observe_throws_ArgumentException_naming_both_times()
    {
        var engine = EventWindows.CreateEngine(EventWindows.AllSpecs());
        engine.Observe(new Event("a", Day.AddHours(12), 1, "x"));

        var error = Assert.Throws<ArgumentException>(() => engine.Observe(new Event("a", Day.AddHours(11).AddMinutes(30), 2, "y")));

        Assert.Contains("2024-02-29T11:30:00", error.Message, StringComparison.Ordinal);
        Assert.Contains("2024-02-29T12:00:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_order_by_one_tick_throws()
    {
        var engine = EventWindows.CreateEngine(EventWindows.AllSpecs());
        engine.Observe(new Event("a", Day.AddHours(12), 1, "x"));

        Assert.Throws<ArgumentException>(() => engine.Observe(new Event("a", Day.AddHours(12).AddTicks(-1), 2, "y")));
    }

    [Fact]
    public void Equal_times_and_other_entities_are_accepted()
    {
        var engine = EventWindows.CreateEngine(EventWindows.AllSpecs());
        engine.Observe(new Event("a", Day.AddHours(12), 1, "x"));

        engine.Observe(new Event("a", Day.AddHours(12), 2, "y"));
        engine.Observe(new Event("b", Day.AddHours(1), 3, "z"));

        Assert.Equal(2, engine.EntityCount);
        Assert.Equal(3, engine.RetainedEvents);
    }

    [Fact]
    public void A_rejected_event_leaves_the_state_unchanged()
    {
        var specs = EventWindows.AllSpecs();
        var engine = EventWindows.CreateEngine(specs);
        foreach (var row in EventGenerator.InTimeOrder(EventGenerator.Generate(3).Where(r => r.Key == "k0")))
        {
            engine.Observe(row);
        }

        var probe = new Event("k0", EventGenerator.Origin.AddDays(61), 0, null);
        var before = new double[specs.Count];
        engine.Query(probe, before);
        var retained = engine.RetainedEvents;

        Assert.Throws<ArgumentException>(() => engine.Observe(new Event("k0", EventGenerator.Origin, 1e6, "zzz")));

        var after = new double[specs.Count];
        engine.Query(probe, after);
        WindowReference.AssertBitIdentical(before, after, specs, "after a rejected event");
        Assert.Equal(retained, engine.RetainedEvents);
    }

    [Fact]
    public void Replay_of_rows_older_than_the_observed_state_fails_with_the_ArgumentException()
    {
        var engine = EventWindows.CreateEngine(EventWindows.AllSpecs());
        engine.Observe(new Event("a", Day.AddHours(12), 1, "x"));
        Event[] rows = [new("a", Day.AddHours(10), 2, "y")];
        var destination = new double[engine.Specs.Count];

        var error = Record.Exception(() => engine.Replay(rows, destination));

        // Replay runs entities in parallel, so the ArgumentException may arrive wrapped.
        Assert.NotNull(error);
        var inner = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions.Single() : error;
        Assert.IsType<ArgumentException>(inner);
        Assert.Contains("2024-02-29T10:00:00", inner.Message, StringComparison.Ordinal);
    }
}
