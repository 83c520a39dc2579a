using System.Runtime.InteropServices;

namespace PipelineDsl.Runtime.Temporal;

/// <summary>
/// The rows of a joined dataset, per key in time order, answering "the latest row for this key at or before
/// <c>t - lag</c>, no older than the tolerance". Offline joins build it from the whole joined dataset; online state
/// adds rows as they arrive; both look up with the same <see cref="Find"/>.
/// </summary>
/// <typeparam name="TRight">The joined row type.</typeparam>
/// <typeparam name="TKey">The join key's type.</typeparam>
public sealed class AsOfIndex<TRight, TKey>
    where TRight : class
    where TKey : notnull
{
    private readonly Func<TRight, TKey> _key;
    private readonly Func<TRight, long> _ticks;
    private readonly Dictionary<TKey, Series> _series = [];

    /// <summary>Creates an empty index (called by generated code).</summary>
    /// <param name="dataset">The joined dataset's name, for reports.</param>
    /// <param name="key">The joined row's key (a constant for a join on time alone).</param>
    /// <param name="ticks">The joined row's timestamp, in ticks.</param>
    /// <param name="lagTicks">Look up as of this long before the row's time.</param>
    /// <param name="toleranceTicks">How old a match may be; <see cref="long.MaxValue"/> for no limit.</param>
    public AsOfIndex(string dataset, Func<TRight, TKey> key, Func<TRight, long> ticks, long lagTicks, long toleranceTicks)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ticks);
        Dataset = dataset;
        _key = key;
        _ticks = ticks;
        LagTicks = lagTicks;
        ToleranceTicks = toleranceTicks;
    }

    /// <summary>The joined dataset's name.</summary>
    public string Dataset { get; }

    /// <summary>The lag in ticks.</summary>
    public long LagTicks { get; }

    /// <summary>The tolerance in ticks (<see cref="long.MaxValue"/>: none).</summary>
    public long ToleranceTicks { get; }

    /// <summary>How many rows the index holds.</summary>
    public int Count { get; private set; }

    /// <summary>Adds rows (any order; rows with equal key and time keep their order, the later one wins a lookup).</summary>
    public void AddRange(ReadOnlySpan<TRight> rows)
    {
        foreach (var row in rows)
        {
            Add(row);
        }
    }

    /// <summary>Adds one row.</summary>
    public void Add(TRight row)
    {
        ArgumentNullException.ThrowIfNull(row);
        ref var series = ref CollectionsMarshal.GetValueRefOrAddDefault(_series, _key(row), out var exists);
        if (!exists)
        {
            series = new Series();
        }

        series!.Insert(_ticks(row), row);
        Count++;
    }

    /// <summary>Finds the latest row for <paramref name="key"/> at or before <c><paramref name="ticks"/> - lag</c>.</summary>
    public AsOfMatch Find(TKey key, long ticks, out TRight? row)
    {
        row = null;
        if (!_series.TryGetValue(key, out var series))
        {
            return AsOfMatch.UnknownKey;
        }

        var asOf = LagTicks <= 0 ? ticks : ticks < long.MinValue + LagTicks ? long.MinValue : ticks - LagTicks;
        var index = series.LastAtOrBefore(asOf);
        if (index < 0)
        {
            return AsOfMatch.NoEarlierRow;
        }

        if (ToleranceTicks != long.MaxValue && asOf - series.Ticks[index] > ToleranceTicks)
        {
            return AsOfMatch.OutsideTolerance;
        }

        row = series.Rows[index];
        return AsOfMatch.Matched;
    }

    /// <summary>Looks up every left row (in parallel chunks); <paramref name="matches"/>[i] is null where row i found nothing.</summary>
    public JoinReport Join<TLeft>(ReadOnlySpan<TLeft> rows, Func<TLeft, TKey> key, Func<TLeft, long> ticks, TRight?[] matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var input = rows.ToArray();
        var n = input.Length;
        const int Chunk = 16_384;
        var chunks = (n + Chunk - 1) / Chunk;
        var counts = new int[chunks * 4];
        Parallel.For(0, chunks, c =>
        {
            var end = Math.Min(n, (c + 1) * Chunk);
            for (var i = c * Chunk; i < end; i++)
            {
                var outcome = Find(key(input[i]), ticks(input[i]), out var match);
                counts[(c * 4) + (int)outcome]++;
                matches[i] = match;
            }
        });

        int Total(AsOfMatch outcome)
        {
            var sum = 0;
            for (var c = 0; c < chunks; c++)
            {
                sum += counts[(c * 4) + (int)outcome];
            }

            return sum;
        }

        return new JoinReport(Dataset, n, Total(AsOfMatch.Matched), Total(AsOfMatch.UnknownKey), Total(AsOfMatch.NoEarlierRow), Total(AsOfMatch.OutsideTolerance));
    }

    /// <summary>One key's rows, sorted by time; appends are O(1), out-of-order inserts shift.</summary>
    private sealed class Series
    {
        public long[] Ticks { get; private set; } = new long[4];

        public TRight[] Rows { get; private set; } = new TRight[4];

        private int _count;

        public void Insert(long ticks, TRight row)
        {
            if (_count == Ticks.Length)
            {
                var ticksCopy = Ticks;
                var rowsCopy = Rows;
                Array.Resize(ref ticksCopy, _count * 2);
                Array.Resize(ref rowsCopy, _count * 2);
                Ticks = ticksCopy;
                Rows = rowsCopy;
            }

            // Upper bound: after every row at the same time, so the later-added row wins.
            var at = LastAtOrBefore(ticks) + 1;
            if (at < _count)
            {
                Array.Copy(Ticks, at, Ticks, at + 1, _count - at);
                Array.Copy(Rows, at, Rows, at + 1, _count - at);
            }

            Ticks[at] = ticks;
            Rows[at] = row;
            _count++;
        }

        /// <summary>Index of the last row with time &lt;= <paramref name="ticks"/>, or -1.</summary>
        public int LastAtOrBefore(long ticks)
        {
            int lo = 0, hi = _count;
            while (lo < hi)
            {
                var mid = (int)((uint)(lo + hi) >> 1);
                if (Ticks[mid] <= ticks)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo - 1;
        }
    }
}
