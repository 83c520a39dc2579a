using System.Globalization;
using System.Text;
using PipelineDsl.Runtime.Temporal;

namespace PipelineDsl.Runtime.Tests.Temporal;

/// <summary>
/// A brute-force reference for window features, written straight from the definition: for a query at time
/// <c>t</c>, scan the entity's events, keep those with <c>time &lt; t - lag</c>, then those with
/// <c>time &gt;= t - lag - duration</c> (time window) or the last <c>N</c> (count window), and aggregate directly.
/// </summary>
internal static class WindowReference
{
    /// <summary>
    /// What <see cref="WindowEngine{TRow,TKey}.Replay"/> must produce: row-major <c>[i * specs.Count + w]</c>, in
    /// input order.
    /// </summary>
    public static double[] Replay(IReadOnlyList<Event> rows, IReadOnlyList<WindowSpec> specs)
    {
        var output = new double[rows.Count * specs.Count];
        var history = History(rows);
        var windows = new Dictionary<(long, int, long), List<Event>>();
        for (var i = 0; i < rows.Count; i++)
        {
            windows.Clear();
            var events = history[rows[i].Key];
            for (var w = 0; w < specs.Count; w++)
            {
                output[(i * specs.Count) + w] = Evaluate(specs[w], events, rows[i].Time.Ticks, windows);
            }
        }

        return output;
    }

    /// <summary>Each entity's events in (time, input position) order.</summary>
    public static Dictionary<string, List<Event>> History(IEnumerable<Event> rows) =>
        rows.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Time.Ticks).ToList());

    /// <summary>Every window as of <paramref name="ticks"/> over <paramref name="events"/> (one entity's, in time order).</summary>
    public static double[] Query(List<Event> events, long ticks, IReadOnlyList<WindowSpec> specs)
    {
        var windows = new Dictionary<(long, int, long), List<Event>>();
        return specs.Select(s => Evaluate(s, events, ticks, windows)).ToArray();
    }

    /// <summary>The events in a spec's window (in time order), by a scan of the entity's events.</summary>
    public static List<Event> Window(List<Event> events, long ticks, long durationTicks, int count, long lagTicks)
    {
        // The events are in time order, so those strictly before the end form a prefix [0, visible).
        var end = ticks - lagTicks;
        var visible = 0;
        while (visible < events.Count && events[visible].Time.Ticks < end)
        {
            visible++;
        }

        var first = 0;
        if (count > 0)
        {
            first = Math.Max(0, visible - count);
        }
        else
        {
            var start = end - durationTicks;
            while (first < visible && events[first].Time.Ticks < start)
            {
                first++;
            }
        }

        return events.GetRange(first, visible - first);
    }

    public static double AggregateWindow(WindowSpec spec, List<Event> window)
    {
        switch (spec.Aggregate)
        {
            case PipelineDsl.Aggregate.Count:
                return window.Count;
            case PipelineDsl.Aggregate.Sum:
            {
                var sum = 0d;
                foreach (var e in window)
                {
                    var v = EventWindows.Numeric(e, spec.Slot);
                    if (!double.IsNaN(v))
                    {
                        sum += v;
                    }
                }

                return sum;
            }

            case PipelineDsl.Aggregate.Mean:
            {
                var sum = 0d;
                var n = 0;
                foreach (var e in window)
                {
                    var v = EventWindows.Numeric(e, spec.Slot);
                    if (!double.IsNaN(v))
                    {
                        sum += v;
                        n++;
                    }
                }

                return n == 0 ? double.NaN : sum / n;
            }

            case PipelineDsl.Aggregate.Min:
            case PipelineDsl.Aggregate.Max:
            {
                var best = double.NaN;
                foreach (var e in window)
                {
                    var v = EventWindows.Numeric(e, spec.Slot);
                    if (double.IsNaN(v))
                    {
                        continue;
                    }

                    if (double.IsNaN(best) || (spec.Aggregate == PipelineDsl.Aggregate.Min ? v < best : v > best))
                    {
                        best = v;
                    }
                }

                return best;
            }

            case PipelineDsl.Aggregate.Last:
                return window.Count == 0 ? double.NaN : EventWindows.Numeric(window[^1], spec.Slot);
            case PipelineDsl.Aggregate.DistinctCount:
            {
                var distinct = new HashSet<long>();
                foreach (var e in window)
                {
                    var key = EventWindows.Categorical(e);
                    if (key != CategoricalKey.Missing)
                    {
                        distinct.Add(key);
                    }
                }

                return distinct.Count;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Aggregate, "unknown aggregate");
        }
    }

    private static double Evaluate(WindowSpec spec, List<Event> events, long ticks, Dictionary<(long, int, long), List<Event>> windows)
    {
        var config = (spec.DurationTicks, spec.Events, spec.LagTicks);
        if (!windows.TryGetValue(config, out var window))
        {
            window = Window(events, ticks, spec.DurationTicks, spec.Events, spec.LagTicks);
            windows[config] = window;
        }

        return AggregateWindow(spec, window);
    }

    /// <summary>
    /// Asserts engine output equals the reference: exactly for count, min, max, last and distinct count (NaN equals
    /// NaN), within 1e-9 relative (to max(1, |expected|)) for sum and mean, which the engine computes from prefix sums.
    /// </summary>
    public static void AssertMatches(double[] expected, double[] actual, IReadOnlyList<WindowSpec> specs, IReadOnlyList<Event>? rows = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        var failures = new StringBuilder();
        var failed = 0;
        for (var k = 0; k < expected.Length; k++)
        {
            var spec = specs[k % specs.Count];
            if (Matches(spec.Aggregate, expected[k], actual[k]))
            {
                continue;
            }

            if (++failed <= 10)
            {
                var row = rows is null ? $"query {k / specs.Count}" : $"row {k / specs.Count} {rows[k / specs.Count]}";
                failures.AppendLine(CultureInfo.InvariantCulture, $"{row}, {spec}: expected {expected[k]:R}, actual {actual[k]:R}");
            }
        }

        Assert.True(failed == 0, $"{failed} of {expected.Length} values differ from the reference:\n{failures}");
    }

    public static bool Matches(Aggregate aggregate, double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }

        return aggregate is PipelineDsl.Aggregate.Sum or PipelineDsl.Aggregate.Mean
            ? Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected))
            : expected == actual;
    }

    /// <summary>Asserts two engine outputs are bit-identical.</summary>
    public static void AssertBitIdentical(double[] expected, double[] actual, IReadOnlyList<WindowSpec> specs, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var failures = new StringBuilder();
        var failed = 0;
        for (var k = 0; k < expected.Length; k++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[k]) == BitConverter.DoubleToInt64Bits(actual[k]))
            {
                continue;
            }

            if (++failed <= 10)
            {
                failures.AppendLine(CultureInfo.InvariantCulture, $"row {k / specs.Count}, {specs[k % specs.Count]}: {expected[k]:R} vs {actual[k]:R}");
            }
        }

        Assert.True(failed == 0, $"{what}: {failed} of {expected.Length} values are not bit-identical:\n{failures}");
    }
}
