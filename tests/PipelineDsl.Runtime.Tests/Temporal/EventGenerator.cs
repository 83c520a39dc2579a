namespace PipelineDsl.Runtime.Tests.Temporal;

/// <summary>Seeded random event data: skewed entities, coarse timestamps with many ties, some missing values.</summary>
internal static class EventGenerator
{
    public static readonly DateTime Origin = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string?[] Categories = ["a", "b", "c", "d", null];

    /// <summary>
    /// Rows in random (unsorted) order. Entity <c>k0</c> is the heaviest (a few hundred rows, enough to compact its
    /// buffers); timestamps sit on a 30-minute grid over <paramref name="days"/> days (so window boundaries are hit
    /// exactly) and a quarter of the rows reuse an earlier timestamp of the same entity (ties); about 5% of the
    /// amounts are NaN; categories come from a small set including null.
    /// </summary>
    public static List<Event> Generate(int seed, int rows = 2000, int entities = 50, int days = 60, string keyPrefix = "k")
    {
        var rng = new Random(seed);
        var result = new List<Event>(rows);
        var timesByKey = new Dictionary<string, List<DateTime>>();
        for (var i = 0; i < rows; i++)
        {
            var u = rng.NextDouble();
            var key = keyPrefix + (int)(entities * u * u);
            if (!timesByKey.TryGetValue(key, out var times))
            {
                times = [];
                timesByKey[key] = times;
            }

            var time = times.Count > 0 && rng.NextDouble() < 0.25
                ? times[rng.Next(times.Count)]
                : Origin.AddMinutes(30 * rng.Next(days * 48));
            times.Add(time);
            result.Add(new Event(key, time, NextAmount(rng), Categories[rng.Next(Categories.Length)]));
        }

        return result;
    }

    /// <summary>An amount in [0, 100) with two decimals (equal values happen), or NaN about 5% of the time.</summary>
    public static double NextAmount(Random rng) =>
        rng.NextDouble() < 0.05 ? double.NaN : Math.Round(rng.NextDouble() * 100, 2);

    /// <summary>The rows in a stable (time, input position) order: the order serving would see them in.</summary>
    public static List<Event> InTimeOrder(IEnumerable<Event> rows) => rows.OrderBy(r => r.Time.Ticks).ToList();

    /// <summary>
    /// A random permutation of <c>0..rows.Count-1</c> (new position → original index) that keeps the relative order of
    /// rows with the same key and time, so the per-entity (time, input order) sequence does not change.
    /// </summary>
    public static int[] TiePreservingPermutation(IReadOnlyList<Event> rows, Random rng)
    {
        var order = Enumerable.Range(0, rows.Count).ToArray();
        rng.Shuffle(order);
        var positionsByTie = new Dictionary<(string, long), List<int>>();
        for (var position = 0; position < order.Length; position++)
        {
            var row = rows[order[position]];
            var tie = (row.Key, row.Time.Ticks);
            if (!positionsByTie.TryGetValue(tie, out var positions))
            {
                positions = [];
                positionsByTie[tie] = positions;
            }

            positions.Add(position);
        }

        foreach (var positions in positionsByTie.Values)
        {
            var members = positions.Select(p => order[p]).Order().ToArray();
            for (var j = 0; j < positions.Count; j++)
            {
                order[positions[j]] = members[j];
            }
        }

        return order;
    }

    /// <summary>Applies a permutation from <see cref="TiePreservingPermutation"/>.</summary>
    public static List<Event> Apply(IReadOnlyList<Event> rows, int[] permutation) => permutation.Select(i => rows[i]).ToList();
}
