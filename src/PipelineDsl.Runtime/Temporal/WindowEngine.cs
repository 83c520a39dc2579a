using System.Runtime.InteropServices;

namespace PipelineDsl.Runtime.Temporal;

/// <summary>
/// Computes a feature set's window features, offline and online, with one implementation. Offline,
/// <see cref="Replay(ReadOnlySpan{TRow}, double[])"/> groups a dataset's rows by entity, orders each entity's rows by time (ties keep file order) and,
/// row by row, queries the windows and then observes the row: exactly what serving does when it answers a request
/// and later receives the event. Online, <see cref="Query"/> answers from the live per-entity state and
/// <see cref="Observe"/> appends events. After a replay the engine holds every entity's state, ready to serve or to
/// snapshot.
/// </summary>
/// <typeparam name="TRow">The dataset row type.</typeparam>
/// <typeparam name="TKey">The entity key's type.</typeparam>
public sealed class WindowEngine<TRow, TKey>
    where TKey : notnull
{
    private const int SnapshotFormat = 2;

    private readonly WindowSpec[] _specs;
    private readonly WindowLayout _layout;
    private readonly int _numericSlots;
    private readonly int _categoricalSlots;
    private readonly Func<TRow, TKey> _key;
    private readonly Func<TRow, long> _ticks;
    private readonly WindowValueExtractor<TRow> _extract;
    private readonly Dictionary<TKey, EntityWindowState> _entities = [];

    /// <summary>Creates an empty engine (called by generated code).</summary>
    /// <param name="specs">The window features, in feature order.</param>
    /// <param name="numericSlots">How many numeric members the extractor writes.</param>
    /// <param name="categoricalSlots">How many categorical members the extractor writes.</param>
    /// <param name="key">The entity key of a row.</param>
    /// <param name="ticks">The row's timestamp, in ticks.</param>
    /// <param name="extract">Copies the aggregated members out of a row.</param>
    public WindowEngine(IReadOnlyList<WindowSpec> specs, int numericSlots, int categoricalSlots, Func<TRow, TKey> key, Func<TRow, long> ticks, WindowValueExtractor<TRow> extract)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ticks);
        ArgumentNullException.ThrowIfNull(extract);
        _specs = specs.ToArray();
        _layout = new WindowLayout(_specs);
        _numericSlots = numericSlots;
        _categoricalSlots = categoricalSlots;
        _key = key;
        _ticks = ticks;
        _extract = extract;
    }

    /// <summary>The window features, in output order.</summary>
    public IReadOnlyList<WindowSpec> Specs => _specs;

    /// <summary>How many entities have state.</summary>
    public int EntityCount => _entities.Count;

    /// <summary>How many events are retained in memory across entities.</summary>
    public long RetainedEvents => _entities.Values.Sum(e => (long)e.RetainedEvents);

    /// <summary>Appends one event to its entity's state. An entity's events must arrive in time order.</summary>
    public void Observe(TRow row)
    {
        var state = StateOf(_key(row));
        Span<double> numeric = stackalloc double[_numericSlots];
        Span<long> categorical = stackalloc long[_categoricalSlots];
        _extract(row, numeric, categorical);
        state.Observe(_ticks(row), numeric, categorical);
    }

    /// <summary>
    /// Computes every window for <paramref name="row"/> as of its timestamp from its entity's current state (an unseen
    /// entity has empty windows). Does not observe the row.
    /// </summary>
    public void Query(TRow row, Span<double> destination)
    {
        if (destination.Length < _specs.Length)
        {
            throw new ArgumentException($"The destination must hold {_specs.Length} values.", nameof(destination));
        }

        // An unseen entity gets empty windows from a throw-away state: lookups must not grow the engine.
        var state = _entities.TryGetValue(_key(row), out var known) ? known : new EntityWindowState(_layout, _numericSlots, _categoricalSlots);
        state.Query(_ticks(row), destination);
    }

    /// <summary>
    /// The offline path: for every row, in (entity, time) order, queries the windows into
    /// <c>destination[i * Specs.Count + w]</c> (row <c>i</c> in the input order) and then observes the row. Entities are
    /// independent and processed in parallel; the result does not depend on the degree of parallelism.
    /// </summary>
    public void Replay(ReadOnlySpan<TRow> rows, Span<double> destination)
    {
        var output = new double[checked(rows.Length * _specs.Length)];
        Replay(rows, output);
        output.CopyTo(destination);
    }

    /// <inheritdoc cref="Replay(ReadOnlySpan{TRow}, Span{double})"/>
    public void Replay(ReadOnlySpan<TRow> rows, double[] destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var n = rows.Length;
        var width = _specs.Length;
        if (destination.Length < checked(n * width))
        {
            throw new ArgumentException($"The destination must hold rows x {width} values.", nameof(destination));
        }

        // Extract keys, times and aggregated values once, in input order, in parallel chunks.
        var input = rows.ToArray();
        var keys = new TKey[n];
        var ticks = new long[n];
        var numeric = new double[n * _numericSlots];
        var categorical = new long[n * _categoricalSlots];
        const int Chunk = 16_384;
        Parallel.For(0, (n + Chunk - 1) / Chunk, c =>
        {
            var end = Math.Min(n, (c + 1) * Chunk);
            for (var i = c * Chunk; i < end; i++)
            {
                var row = input[i];
                keys[i] = _key(row);
                ticks[i] = _ticks(row);
                _extract(row, numeric.AsSpan(i * _numericSlots, _numericSlots), categorical.AsSpan(i * _categoricalSlots, _categoricalSlots));
            }
        });

        // Group by entity (counting sort on a dense entity id), then order each group by (time, input position).
        var entityOf = new int[n];
        var states = new List<EntityWindowState>();
        var ids = new Dictionary<TKey, int>();
        for (var i = 0; i < n; i++)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, keys[i], out var exists);
            if (!exists)
            {
                id = states.Count;
                states.Add(StateOf(keys[i]));
            }

            entityOf[i] = id;
        }

        var offsets = new int[states.Count + 1];
        foreach (var id in entityOf)
        {
            offsets[id + 1]++;
        }

        for (var e = 0; e < states.Count; e++)
        {
            offsets[e + 1] += offsets[e];
        }

        var order = new int[n];
        var fill = offsets.AsSpan(0, states.Count).ToArray();
        for (var i = 0; i < n; i++)
        {
            order[fill[entityOf[i]]++] = i;
        }

        var output = destination;
        Parallel.For(0, states.Count, e =>
        {
            var group = order.AsSpan(offsets[e], offsets[e + 1] - offsets[e]);
            SortByTime(group, ticks);
            var state = states[e];
            state.Reserve(group.Length);
            foreach (var i in group)
            {
                state.Query(ticks[i], output.AsSpan(i * width, width));
                state.Observe(ticks[i], numeric.AsSpan(i * _numericSlots, _numericSlots), categorical.AsSpan(i * _categoricalSlots, _categoricalSlots));
            }
        });
    }

    /// <summary>Writes every entity's state; <paramref name="fingerprint"/> (the feature set hash) guards the restore.</summary>
    public void Save(Stream stream, string fingerprint)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write("PDSL-WINDOWS");
        writer.Write(SnapshotFormat);
        writer.Write(fingerprint);
        writer.Write(_entities.Count);
        foreach (var (key, state) in _entities.OrderBy(e => e.Key, Comparer<TKey>.Default))
        {
            KeyCodec<TKey>.Write(writer, key);
            state.Write(writer);
        }
    }

    /// <summary>Replaces every entity's state with a snapshot written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The snapshot is not a window snapshot, or was written by other feature code.</exception>
    public void Load(Stream stream, string fingerprint)
    {
        try
        {
            LoadCore(stream, fingerprint);
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or ArgumentOutOfRangeException or OverflowException or OutOfMemoryException)
        {
            throw new InvalidDataException($"The window state snapshot is truncated or corrupt: {ex.Message}", ex);
        }
    }

    private void LoadCore(Stream stream, string fingerprint)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        string magic;
        try
        {
            magic = reader.ReadString();
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The window state snapshot is empty.", ex);
        }

        if (magic != "PDSL-WINDOWS" || reader.ReadInt32() != SnapshotFormat)
        {
            throw new InvalidDataException("The stream is not a PipelineDsl window state snapshot of a known format.");
        }

        var written = reader.ReadString();
        if (!string.Equals(written, fingerprint, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"The window state snapshot was computed by feature set {written[..Math.Min(12, written.Length)]}, not by the current code ({fingerprint[..Math.Min(12, fingerprint.Length)]}); rebuild it by replaying the events.");
        }

        var loaded = new Dictionary<TKey, EntityWindowState>();
        var count = reader.ReadInt32();
        for (var e = 0; e < count; e++)
        {
            var key = KeyCodec<TKey>.Read(reader);
            var state = new EntityWindowState(_layout, _numericSlots, _categoricalSlots);
            state.Read(reader);
            loaded[key] = state;
        }

        _entities.Clear();
        foreach (var (key, state) in loaded)
        {
            _entities[key] = state;
        }
    }

    private EntityWindowState StateOf(TKey key)
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_entities, key, out var exists);
        if (!exists)
        {
            state = new EntityWindowState(_layout, _numericSlots, _categoricalSlots);
        }

        return state!;
    }

    /// <summary>Orders a group of row indices by time, ties by input position (a stable order), skipping sorted groups.</summary>
    private static void SortByTime(Span<int> group, long[] ticks)
    {
        for (var j = 1; j < group.Length; j++)
        {
            if (ticks[group[j]] < ticks[group[j - 1]])
            {
                var keys = new (long Ticks, int Index)[group.Length];
                for (var k = 0; k < group.Length; k++)
                {
                    keys[k] = (ticks[group[k]], group[k]);
                }

                Array.Sort(keys);
                for (var k = 0; k < group.Length; k++)
                {
                    group[k] = keys[k].Index;
                }

                return;
            }
        }
    }
}
