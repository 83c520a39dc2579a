using PipelineDsl.Runtime.Temporal;

namespace PipelineDsl.Runtime.Tests.Temporal;

/// <summary>A small event row for the window and as-of tests.</summary>
public sealed record Event(string Key, DateTime Time, double Amount, string? Category);

/// <summary>How the tests extract <see cref="Event"/> values and build engines over them.</summary>
internal static class EventWindows
{
    /// <summary>Slot 0: <see cref="Event.Amount"/> (NaN for missing); slot 1: the hour of day (never missing, many equal values).</summary>
    public const int NumericSlots = 2;

    /// <summary>Slot 0: <see cref="Event.Category"/>.</summary>
    public const int CategoricalSlots = 1;

    public static readonly TimeSpan[] Durations = [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(7)];

    public static readonly int[] EventCounts = [1, 3, 10];

    public static readonly TimeSpan[] Lags = [TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromDays(1)];

    public static double Numeric(Event row, int slot) => slot == 0 ? row.Amount : row.Time.Hour;

    public static long Categorical(Event row) => CategoricalKey.Of(row.Category);

    public static void Extract(Event row, Span<double> numeric, Span<long> categorical)
    {
        numeric[0] = row.Amount;
        numeric[1] = row.Time.Hour;
        categorical[0] = CategoricalKey.Of(row.Category);
    }

    public static WindowEngine<Event, string> CreateEngine(IReadOnlyList<WindowSpec> specs) =>
        new(specs, NumericSlots, CategoricalSlots, e => e.Key, e => e.Time.Ticks, Extract);

    public static WindowEngine<Event, TKey> CreateEngine<TKey>(IReadOnlyList<WindowSpec> specs, Func<Event, TKey> key)
        where TKey : notnull =>
        new(specs, NumericSlots, CategoricalSlots, key, e => e.Time.Ticks, Extract);

    /// <summary>Every aggregate over one window: the seven over the amount/category plus four over the hour slot.</summary>
    public static IEnumerable<WindowSpec> AllAggregates(long durationTicks, int events, long lagTicks)
    {
        yield return Spec(Aggregate.Count, 0, durationTicks, events, lagTicks);
        yield return Spec(Aggregate.Sum, 0, durationTicks, events, lagTicks);
        yield return Spec(Aggregate.Mean, 0, durationTicks, events, lagTicks);
        yield return Spec(Aggregate.Min, 0, durationTicks, events, lagTicks);
        yield return Spec(Aggregate.Max, 0, durationTicks, events, lagTicks);
        yield return Spec(Aggregate.Last, 0, durationTicks, events, lagTicks);
        yield return Spec(Aggregate.DistinctCount, 0, durationTicks, events, lagTicks);
        yield return Spec(Aggregate.Sum, 1, durationTicks, events, lagTicks);
        yield return Spec(Aggregate.Min, 1, durationTicks, events, lagTicks);
        yield return Spec(Aggregate.Max, 1, durationTicks, events, lagTicks);
        yield return Spec(Aggregate.Last, 1, durationTicks, events, lagTicks);
    }

    /// <summary>Every (window, lag) combination: three time windows and three count windows, each under three lags.</summary>
    public static IEnumerable<(long DurationTicks, int Events, long LagTicks)> AllWindows()
    {
        foreach (var lag in Lags)
        {
            foreach (var duration in Durations)
            {
                yield return (duration.Ticks, 0, lag.Ticks);
            }

            foreach (var events in EventCounts)
            {
                yield return (0, events, lag.Ticks);
            }
        }
    }

    /// <summary>Every aggregate over every window and lag, in one list (one engine holds them all).</summary>
    public static IReadOnlyList<WindowSpec> AllSpecs() =>
        AllWindows().SelectMany(w => AllAggregates(w.DurationTicks, w.Events, w.LagTicks)).ToArray();

    public static WindowSpec Spec(Aggregate aggregate, int slot, long durationTicks, int events, long lagTicks)
    {
        var member = aggregate == Aggregate.DistinctCount ? "Category" : slot == 0 ? "Amount" : "Hour";
        var name = $"{aggregate}_{member}_{durationTicks}_{events}_{lagTicks}";
        return new WindowSpec(name, member, aggregate, slot, durationTicks, events, lagTicks);
    }

    public static WindowSpec TimeWindow(Aggregate aggregate, TimeSpan duration, TimeSpan lag = default, int slot = 0) =>
        Spec(aggregate, slot, duration.Ticks, 0, lag.Ticks);

    public static WindowSpec CountWindow(Aggregate aggregate, int events, TimeSpan lag = default, int slot = 0) =>
        Spec(aggregate, slot, 0, events, lag.Ticks);

    /// <summary>Runs <see cref="WindowEngine{TRow,TKey}.Replay"/> into a fresh array.</summary>
    public static double[] Replay<TKey>(WindowEngine<Event, TKey> engine, IReadOnlyList<Event> rows)
        where TKey : notnull
    {
        var output = new double[rows.Count * engine.Specs.Count];
        engine.Replay(rows.ToArray(), output);
        return output;
    }
}
