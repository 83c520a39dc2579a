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
        ReplayCore(rows, new DoubleSink(destination, _specs.Length), destination.Length);
    }

    /// <summary>
    /// <see cref="Replay(ReadOnlySpan{TRow}, double[])"/> with each value converted to <see cref="float"/> as it is written
    /// (<c>(float)value</c>, the conversion the generated row function applies): half the memory traffic for the
    /// generated batch path, bit-identical results.
    /// </summary>
    public void Replay(ReadOnlySpan<TRow> rows, float[] destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ReplayCore(rows, new FloatSink(destination, _specs.Length), destination.Length);
    }

    private void ReplayCore<TSink>(ReadOnlySpan<TRow> rows, TSink sink, int destinationLength)
        where TSink : struct, IWindowSink
    {
        var n = rows.Length;
        var width = _specs.Length;
        if (destinationLength < checked(n * width))
        {
            throw new ArgumentException($"The destination must hold rows x {width} values.", "destination");
        }

        // Working arrays come from the shared pool: a replay of a million rows would otherwise allocate ~100 MB of
        // short-lived arrays per call. Returned (references cleared) when the replay ends.
        using var scratch = new Scratch();
        var input = scratch.Rent<TRow>(n);
        rows.CopyTo(input);
        var keys = scratch.Rent<TKey>(n);
        var ticks = scratch.Rent<long>(n);
        var numeric = scratch.Rent<double>(n * _numericSlots);
        var categorical = scratch.Rent<long>(n * _categoricalSlots);
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
        var entityOf = scratch.Rent<int>(n);
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
        for (var i = 0; i < n; i++)
        {
            offsets[entityOf[i] + 1]++;
        }

        for (var e = 0; e < states.Count; e++)
        {
            offsets[e + 1] += offsets[e];
        }

        var order = scratch.Rent<int>(n);
        var fill = offsets.AsSpan(0, states.Count).ToArray();
        for (var i = 0; i < n; i++)
        {
            order[fill[entityOf[i]]++] = i;
        }

        // Gather each entity's rows into contiguous group order (independent loads the CPU overlaps), so the replay
        // below walks memory sequentially instead of chasing every row across the input.
        var ns = _numericSlots;
        var cs = _categoricalSlots;
        var groupTicks = scratch.Rent<long>(n);
        var groupNumeric = scratch.Rent<double>(n * ns);
        var groupCategorical = scratch.Rent<long>(n * cs);
        Parallel.For(0, (n + Chunk - 1) / Chunk, c =>
        {
            var end = Math.Min(n, (c + 1) * Chunk);
            for (var p = c * Chunk; p < end; p++)
            {
                var i = order[p];
                groupTicks[p] = ticks[i];
                for (var s = 0; s < ns; s++)
                {
                    groupNumeric[(p * ns) + s] = numeric[(i * ns) + s];
                }

                for (var s = 0; s < cs; s++)
                {
                    groupCategorical[(p * cs) + s] = categorical[(i * cs) + s];
                }
            }
        });

        // Replay each entity in (time, input position) order; results go straight to the row's place in the output.
        Parallel.For(0, states.Count, e =>
        {
            var from = offsets[e];
            var count = offsets[e + 1] - from;
            var sequence = TimeOrder(groupTicks, from, count);
            var state = states[e];
            state.Reserve(count);
            Span<double> values = stackalloc double[width];
            for (var k = 0; k < count; k++)
            {
                var p = sequence is null ? from + k : sequence[k];
                state.Query(groupTicks[p], values);
                sink.Write(order[p], values);
                state.Observe(groupTicks[p], groupNumeric.AsSpan(p * ns, ns), groupCategorical.AsSpan(p * cs, cs));
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

    /// <summary>Where a replay writes each row's window values.</summary>
    private interface IWindowSink
    {
        void Write(int row, ReadOnlySpan<double> values);
    }

    /// <summary>Row-major doubles.</summary>
    private readonly struct DoubleSink(double[] destination, int width) : IWindowSink
    {
        public void Write(int row, ReadOnlySpan<double> values) => values.CopyTo(destination.AsSpan(row * width, width));
    }

    /// <summary>Row-major floats, converted as the generated row function converts.</summary>
    private readonly struct FloatSink(float[] destination, int width) : IWindowSink
    {
        public void Write(int row, ReadOnlySpan<double> values)
        {
            var target = destination.AsSpan(row * width, width);
            for (var w = 0; w < values.Length; w++)
            {
                target[w] = (float)values[w];
            }
        }
    }

    /// <summary>Arrays rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/> for one call, all returned on dispose.</summary>
    private sealed class Scratch : IDisposable
    {
        private readonly List<Action> _returns = [];

        public T[] Rent<T>(int length)
        {
            var array = System.Buffers.ArrayPool<T>.Shared.Rent(Math.Max(1, length));
            _returns.Add(() => System.Buffers.ArrayPool<T>.Shared.Return(array, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>()));
            return array;
        }

        public void Dispose()
        {
            foreach (var giveBack in _returns)
            {
                giveBack();
            }
        }
    }

    /// <summary>
    /// The positions of one entity's rows (<paramref name="from"/>..+<paramref name="count"/> in group order) sorted by
    /// (time, input position): group order keeps input order, so position order is input order. Null when the rows are
    /// already in time order.
    /// </summary>
    private static int[]? TimeOrder(long[] ticks, int from, int count)
    {
        for (var k = from + 1; k < from + count; k++)
        {
            if (ticks[k] < ticks[k - 1])
            {
                // Sort by time (primitive keys: fast), then restore input order inside each run of equal times:
                // group positions ascend with input positions, so sorting a run's positions does it.
                var keys = ticks.AsSpan(from, count).ToArray();
                var positions = new int[count];
                for (var j = 0; j < count; j++)
                {
                    positions[j] = from + j;
                }

                Array.Sort(keys, positions);
                for (var start = 0; start < count;)
                {
                    var end = start + 1;
                    while (end < count && keys[end] == keys[start])
                    {
                        end++;
                    }

                    if (end - start > 1)
                    {
                        Array.Sort(positions, start, end - start);
                    }

                    start = end;
                }

                return positions;
            }
        }

        return null;
    }
}
