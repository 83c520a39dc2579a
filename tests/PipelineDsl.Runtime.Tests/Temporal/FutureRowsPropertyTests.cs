using PipelineDsl.Runtime.Temporal;

namespace PipelineDsl.Runtime.Tests.Temporal;

public class FutureRowsPropertyTests
{
    [Fact]
    public void Rows_after_a_cutoff_never_change_the_windows_of_rows_at_or_before_it()
    {
        var specs = EventWindows.AllSpecs();
        for (var seed = 100; seed < 104; seed++)
        {
            var rng = new Random(seed);
            var rows = EventGenerator.Generate(seed, rows: 1000, entities: 30);
            var cutoff = rows[rng.Next(rows.Count)].Time;
            var past = rows.Where(r => r.Time <= cutoff).ToList();
            var baseline = EventWindows.Replay(EventWindows.CreateEngine(specs), past);

            // Future rows for known and new entities, strictly after the cutoff (some 1 tick after it).
            var future = FutureRows(rng, rows, cutoff, count: 400);
            rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(future));
            var withFuture = past.Concat(future).ToList();
            var appended = EventWindows.Replay(EventWindows.CreateEngine(specs), withFuture);
            WindowReference.AssertBitIdentical(baseline, appended.AsSpan(0, baseline.Length).ToArray(), specs, $"seed {seed}: future rows appended");

            // The whole input permuted (ties of one entity keep their relative order, which defines their sequence).
            var permutation = EventGenerator.TiePreservingPermutation(withFuture, rng);
            var permuted = EventWindows.Replay(EventWindows.CreateEngine(specs), EventGenerator.Apply(withFuture, permutation));
            var unpermuted = Unpermute(permuted, permutation, specs.Count);
            WindowReference.AssertBitIdentical(baseline, unpermuted.AsSpan(0, baseline.Length).ToArray(), specs, $"seed {seed}: whole input permuted");

            // And the full run with future rows is itself correct.
            WindowReference.AssertMatches(WindowReference.Replay(withFuture, specs), appended, specs, withFuture);
        }
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    public void Permuting_the_input_keeping_tie_order_gives_bit_identical_values_per_row(int seed)
    {
        var specs = EventWindows.AllSpecs();
        var rows = EventGenerator.Generate(seed);
        var baseline = EventWindows.Replay(EventWindows.CreateEngine(specs), rows);
        var rng = new Random(seed);

        foreach (var permutation in new[] { EventGenerator.TiePreservingPermutation(rows, rng), SortedPermutation(rows) })
        {
            var permuted = EventWindows.Replay(EventWindows.CreateEngine(specs), EventGenerator.Apply(rows, permutation));
            WindowReference.AssertBitIdentical(baseline, Unpermute(permuted, permutation, specs.Count), specs, $"seed {seed}");
        }
    }

    [Fact]
    public void Swapping_tied_rows_changes_only_what_depends_on_their_order()
    {
        // Two events of one entity at the same time: their input order decides which one is "last" for later rows,
        // and never what the tied rows themselves see.
        var t = EventGenerator.Origin;
        var first = new Event("a", t, 1, "x");
        var second = new Event("a", t, 2, "y");
        var later = new Event("a", t.AddMinutes(1), 0, null);
        var specs = new[] { EventWindows.CountWindow(Aggregate.Last, 1), EventWindows.CountWindow(Aggregate.Count, 5) };

        var a = EventWindows.Replay(EventWindows.CreateEngine(specs), [first, second, later]);
        var b = EventWindows.Replay(EventWindows.CreateEngine(specs), [second, first, later]);

        Assert.Equal([double.NaN, 0, double.NaN, 0, 2, 2], a);
        Assert.Equal([double.NaN, 0, double.NaN, 0, 1, 2], b);
    }

    private static List<Event> FutureRows(Random rng, List<Event> rows, DateTime cutoff, int count)
    {
        var keys = rows.Select(r => r.Key).Distinct().Order(StringComparer.Ordinal).ToArray();
        var future = new List<Event>(count);
        for (var i = 0; i < count; i++)
        {
            var key = rng.NextDouble() < 0.8 ? keys[rng.Next(keys.Length)] : "new" + rng.Next(10);
            var time = rng.Next(10) == 0 ? cutoff.AddTicks(1) : cutoff.AddMinutes(30 * rng.Next(1, 20 * 48));
            future.Add(new Event(key, time, EventGenerator.NextAmount(rng), rng.Next(3) == 0 ? null : "f" + rng.Next(4)));
        }

        return future;
    }

    private static int[] SortedPermutation(IReadOnlyList<Event> rows) =>
        Enumerable.Range(0, rows.Count).OrderBy(i => rows[i].Time.Ticks).ToArray();

    /// <summary>Maps output of permuted rows (position p holds original row permutation[p]) back to the original order.</summary>
    private static double[] Unpermute(double[] permuted, int[] permutation, int width)
    {
        var output = new double[permuted.Length];
        for (var p = 0; p < permutation.Length; p++)
        {
            Array.Copy(permuted, p * width, output, permutation[p] * width, width);
        }

        return output;
    }
}
