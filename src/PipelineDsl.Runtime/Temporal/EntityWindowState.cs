namespace PipelineDsl.Runtime.Temporal;

/// <summary>
/// One entity's event history and a sliding cursor per window. Offline replay and online serving both use this one
/// class, so they compute every window with the same operations in the same order.
/// </summary>
/// <remarks>
/// <para>Events are appended in time order. A query at time <c>t</c> sees the events with
/// <c>time &lt; t - lag</c> (strictly before), and of those the ones with <c>time &gt;= t - lag - duration</c> (a time window)
/// or the last <c>N</c> (a count window).</para>
/// <para>Each window keeps a half-open cursor <c>[start, end)</c> over absolute event indices that only moves forward
/// while queries move forward in time, so a pass over an entity's rows costs O(rows) per window, never a re-scan of
/// the history. Sums and means come from prefix sums stored with each event (<see cref="Prefix"/>: compensated, with
/// infinities counted apart): a window's sum is a difference of two prefixes, which depends only on the events, not on
/// when or how often the window was queried. Min and max use
/// monotonic deques and distinct counts a value-count map; both are exact. A query earlier than the previous one
/// rebuilds that window's cursor from the retained events (same result, more work).</para>
/// </remarks>
internal sealed class EntityWindowState
{
    private const int InitialCapacity = 8;

    private readonly WindowLayout _layout;
    private readonly int _numericSlots;
    private readonly int _categoricalSlots;
    private readonly Cursor[] _cursors;

    // Retained events [0, _count) in buffer order; buffer index b is absolute event index _base + b.
    private long _base;
    private int _count;
    private long[] _times;
    private double[] _values;      // numeric, row-major: event b, slot s at b * _numericSlots + s
    private Prefix[] _prefix;      // cumulative sums up to and including the event, same layout
    private long[] _categories;    // categorical keys, row-major by _categoricalSlots
    private Prefix[] _basePrefix;  // the cumulative sums just before buffer index 0 (events already dropped)
    private long _lastDroppedTicks = long.MinValue;
    private int _nextCompaction = 128;

    public EntityWindowState(WindowLayout layout, int numericSlots, int categoricalSlots)
    {
        _layout = layout;
        _numericSlots = numericSlots;
        _categoricalSlots = categoricalSlots;
        _cursors = new Cursor[layout.Frames.Length];
        for (var f = 0; f < _cursors.Length; f++)
        {
            _cursors[f] = new Cursor(layout.Frames[f]);
        }

        _times = new long[InitialCapacity];
        _values = new double[InitialCapacity * numericSlots];
        _prefix = new Prefix[InitialCapacity * numericSlots];
        _categories = new long[InitialCapacity * categoricalSlots];
        _basePrefix = new Prefix[numericSlots];
        LastObservedTicks = long.MinValue;
    }

    /// <summary>The newest observed event's time; <see cref="long.MinValue"/> before the first.</summary>
    public long LastObservedTicks { get; private set; }

    /// <summary>How many events are retained in memory.</summary>
    public int RetainedEvents => _count;

    /// <summary>Makes room for <paramref name="events"/> more events (a replay knows how many are coming).</summary>
    public void Reserve(int events) => EnsureCapacity(_count + events);

    /// <summary>Appends an event. Events of one entity must arrive in time order (ties keep arrival order).</summary>
    public void Observe(long ticks, ReadOnlySpan<double> numeric, ReadOnlySpan<long> categorical)
    {
        if (ticks < LastObservedTicks)
        {
            throw new ArgumentException(
                $"Events of one entity must arrive in time order: an event at {new DateTime(ticks):O} came after one at {new DateTime(LastObservedTicks):O}.",
                nameof(ticks));
        }

        EnsureCapacity(_count + 1);
        var b = _count;
        _times[b] = ticks;
        for (var s = 0; s < _numericSlots; s++)
        {
            var value = numeric[s];
            var previous = b == 0 ? _basePrefix[s] : _prefix[((b - 1) * _numericSlots) + s];
            var i = (b * _numericSlots) + s;
            _values[i] = value;
            _prefix[i] = previous.Add(value);
        }

        for (var s = 0; s < _categoricalSlots; s++)
        {
            _categories[(b * _categoricalSlots) + s] = categorical[s];
        }

        _count++;
        LastObservedTicks = ticks;
        Compact();
    }

    /// <summary>Computes every window as of <paramref name="ticks"/> into <paramref name="destination"/> (one value per spec).</summary>
    public void Query(long ticks, Span<double> destination)
    {
        for (var f = 0; f < _cursors.Length; f++)
        {
            Advance(_cursors[f], ticks);
        }

        var specs = _layout.Specs;
        for (var w = 0; w < specs.Length; w++)
        {
            destination[w] = Value(_cursors[_layout.FrameOf[w]], specs[w], _layout.AccumulatorOf[w]);
        }
    }

    /// <summary>Moves a frame's cursor to the window as of <paramref name="ticks"/>.</summary>
    private void Advance(Cursor cursor, long ticks)
    {
        var frame = cursor.Frame;
        var endBoundary = SaturatingSubtract(ticks, frame.LagTicks);
        EnsureRetained(frame, endBoundary, ticks);
        if (!cursor.Positioned || endBoundary < cursor.EndBoundary)
        {
            Reposition(cursor, endBoundary);
        }

        cursor.EndBoundary = endBoundary;

        // Locals for the hot loops; frames of count/sum/mean/last windows have no accumulator to feed.
        var times = _times;
        var first = _base;
        var total = first + _count;
        var start = cursor.Start;
        var end = cursor.End;
        var feed = cursor.HasAccumulators;

        // Extend the end over events now strictly before the boundary.
        while (end < total && times[end - first] < endBoundary)
        {
            if (feed)
            {
                Add(cursor, end);
            }

            end++;
        }

        // Drop events that left the window at its start.
        if (frame.IsCountWindow)
        {
            while (end - start > frame.Events)
            {
                if (feed)
                {
                    Remove(cursor, start);
                }

                start++;
            }
        }
        else
        {
            var startBoundary = SaturatingSubtract(endBoundary, frame.DurationTicks);
            while (start < end && times[start - first] < startBoundary)
            {
                if (feed)
                {
                    Remove(cursor, start);
                }

                start++;
            }
        }

        cursor.Start = start;
        cursor.End = end;
    }

    private double Value(Cursor cursor, WindowSpec spec, int accumulator)
    {
        var start = cursor.Start;
        var end = cursor.End;
        switch (spec.Aggregate)
        {
            case Aggregate.Count:
                return end - start;
            case Aggregate.Sum:
                return Prefix.Sum(PrefixAt(start, spec.Slot), PrefixAt(end, spec.Slot), out _);
            case Aggregate.Mean:
            {
                var sum = Prefix.Sum(PrefixAt(start, spec.Slot), PrefixAt(end, spec.Slot), out var n);
                return n == 0 ? double.NaN : sum / n;
            }

            case Aggregate.Last:
                return end > start ? _values[((end - 1 - _base) * _numericSlots) + spec.Slot] : double.NaN;
            case Aggregate.Min:
            case Aggregate.Max:
            {
                var deque = cursor.Deques[accumulator]!;
                return deque.Count == 0 ? double.NaN : NumericAt(deque.PeekFront(), spec.Slot);
            }

            case Aggregate.DistinctCount:
                return cursor.Distinct[accumulator]!.Count;
            default:
                throw new InvalidOperationException($"Unknown aggregate {spec.Aggregate}.");
        }
    }

    /// <summary>The cumulative sums of the events before absolute index <paramref name="absolute"/>.</summary>
    private Prefix PrefixAt(long absolute, int slot) =>
        absolute == _base ? _basePrefix[slot] : _prefix[((absolute - 1 - _base) * _numericSlots) + slot];

    /// <summary>
    /// Refuses a query whose window would need events already dropped from memory. Dropped events are never needed by
    /// a query at or after the latest observed event (what replay and serving do); an earlier query may need them.
    /// </summary>
    private void EnsureRetained(WindowLayout.Frame spec, long endBoundary, long ticks)
    {
        if (_base == 0)
        {
            return;
        }

        var needsDropped = spec.IsCountWindow
            ? LowerBound(endBoundary) < spec.Events
            : SaturatingSubtract(endBoundary, spec.DurationTicks) <= _lastDroppedTicks;
        if (needsDropped)
        {
            throw new InvalidOperationException(
                $"A query as of {new DateTime(Math.Max(ticks, 0)):O} needs events older than this entity's retained history "
                + $"(kept from {new DateTime(Math.Max(_times[0], 0)):O}); online state answers queries at or after its latest event ({new DateTime(Math.Max(LastObservedTicks, 0)):O}).");
        }
    }

    private double NumericAt(long absolute, int slot) => _values[((absolute - _base) * _numericSlots) + slot];

    private long CategoryAt(long absolute, int slot) => _categories[((absolute - _base) * _categoricalSlots) + slot];

    private void Add(Cursor cursor, long absolute)
    {
        var accumulators = cursor.Frame.Accumulators;
        for (var a = 0; a < accumulators.Count; a++)
        {
            var (aggregate, slot) = (accumulators[a].Aggregate, accumulators[a].Slot);
            if (aggregate == Aggregate.DistinctCount)
            {
                var key = CategoryAt(absolute, slot);
                if (key != CategoricalKey.Missing)
                {
                    var distinct = cursor.Distinct[a]!;
                    distinct[key] = distinct.TryGetValue(key, out var n) ? n + 1 : 1;
                }

                continue;
            }

            var value = NumericAt(absolute, slot);
            if (double.IsNaN(value))
            {
                continue;
            }

            var deque = cursor.Deques[a]!;
            var isMin = aggregate == Aggregate.Min;
            while (deque.Count > 0)
            {
                var back = NumericAt(deque.PeekBack(), slot);
                if (isMin ? back >= value : back <= value)
                {
                    deque.PopBack();
                }
                else
                {
                    break;
                }
            }

            deque.PushBack(absolute);
        }
    }

    private void Remove(Cursor cursor, long absolute)
    {
        var accumulators = cursor.Frame.Accumulators;
        for (var a = 0; a < accumulators.Count; a++)
        {
            if (accumulators[a].Aggregate != Aggregate.DistinctCount)
            {
                var deque = cursor.Deques[a]!;
                if (deque.Count > 0 && deque.PeekFront() == absolute)
                {
                    deque.PopFront();
                }

                continue;
            }

            var key = CategoryAt(absolute, accumulators[a].Slot);
            if (key != CategoricalKey.Missing)
            {
                var distinct = cursor.Distinct[a]!;
                var n = distinct[key] - 1;
                if (n == 0)
                {
                    distinct.Remove(key);
                }
                else
                {
                    distinct[key] = n;
                }
            }
        }
    }

    /// <summary>Rebuilds a cursor from scratch, starting at the first retained event the window could contain.</summary>
    private void Reposition(Cursor cursor, long endBoundary)
    {
        cursor.Clear();
        var frame = cursor.Frame;
        long start;
        if (frame.IsCountWindow)
        {
            start = _base + LowerBound(endBoundary) - frame.Events;
        }
        else
        {
            start = _base + LowerBound(SaturatingSubtract(endBoundary, frame.DurationTicks));
        }

        start = Math.Max(start, _base); // EnsureRetained has refused any query that needs a dropped event

        cursor.Start = start;
        cursor.End = start;
        cursor.Positioned = true;
    }

    /// <summary>The buffer index of the first retained event with time &gt;= <paramref name="ticks"/>.</summary>
    private int LowerBound(long ticks)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (_times[mid] < ticks)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// Drops events that no query at or after the latest observed event can need: for a time window those before
    /// <c>latest - lag - duration</c>, for a count window all but the last N visible ones. Cursors that still hold dropped
    /// events evict them first. Runs when at least half the buffer (and 64 events) can go, so it is amortized O(1).
    /// </summary>
    private void Compact()
    {
        if (_count < _nextCompaction)
        {
            return;
        }

        var keep = _count;
        foreach (var spec in _layout.Frames)
        {
            var endBoundary = SaturatingSubtract(LastObservedTicks, spec.LagTicks);
            var needed = spec.IsCountWindow
                ? Math.Max(0, LowerBound(endBoundary) - spec.Events)
                : LowerBound(SaturatingSubtract(endBoundary, spec.DurationTicks));
            keep = Math.Min(keep, needed);
        }

        if (keep < Math.Max(64, _count / 2))
        {
            _nextCompaction = _count + 64;
            return;
        }

        var keepAbsolute = _base + keep;
        foreach (var cursor in _cursors)
        {
            if (!cursor.Positioned)
            {
                continue;
            }

            while (cursor.Start < keepAbsolute && cursor.Start < cursor.End)
            {
                Remove(cursor, cursor.Start);
                cursor.Start++;
            }

            cursor.Start = Math.Max(cursor.Start, keepAbsolute);
            cursor.End = Math.Max(cursor.End, keepAbsolute);
        }

        for (var s = 0; s < _numericSlots; s++)
        {
            _basePrefix[s] = _prefix[((keep - 1) * _numericSlots) + s];
        }

        _lastDroppedTicks = _times[keep - 1];
        var remaining = _count - keep;
        Array.Copy(_times, keep, _times, 0, remaining);
        Array.Copy(_values, keep * _numericSlots, _values, 0, remaining * _numericSlots);
        Array.Copy(_prefix, keep * _numericSlots, _prefix, 0, remaining * _numericSlots);
        Array.Copy(_categories, keep * _categoricalSlots, _categories, 0, remaining * _categoricalSlots);
        _base += keep;
        _count = remaining;
        _nextCompaction = Math.Max(128, remaining * 2);
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _times.Length)
        {
            return;
        }

        var capacity = Math.Max(needed, _times.Length * 2);
        Array.Resize(ref _times, capacity);
        Array.Resize(ref _values, capacity * _numericSlots);
        Array.Resize(ref _prefix, capacity * _numericSlots);
        Array.Resize(ref _categories, capacity * _categoricalSlots);
    }

    private static long SaturatingSubtract(long ticks, long span) =>
        span <= 0 ? ticks : ticks < long.MinValue + span ? long.MinValue : ticks - span;

    // ------------------------------------------------------------------ snapshots

    /// <summary>Writes the retained events and the cumulative sums before them; cursors are rebuilt on the next query.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(LastObservedTicks);
        writer.Write(_base);
        writer.Write(_lastDroppedTicks);
        writer.Write(_count);
        for (var s = 0; s < _numericSlots; s++)
        {
            _basePrefix[s].Write(writer);
        }

        for (var b = 0; b < _count; b++)
        {
            writer.Write(_times[b]);
            for (var s = 0; s < _numericSlots; s++)
            {
                var i = (b * _numericSlots) + s;
                writer.Write(_values[i]);
                _prefix[i].Write(writer);
            }

            for (var s = 0; s < _categoricalSlots; s++)
            {
                writer.Write(_categories[(b * _categoricalSlots) + s]);
            }
        }

        foreach (var cursor in _cursors)
        {
            writer.Write(cursor.Positioned ? cursor.EndBoundary : long.MinValue);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote into a fresh state.</summary>
    public void Read(BinaryReader reader)
    {
        LastObservedTicks = reader.ReadInt64();
        _base = reader.ReadInt64();
        _lastDroppedTicks = reader.ReadInt64();
        var count = reader.ReadInt32();
        if (count < 0 || _base < 0)
        {
            throw new InvalidDataException("The window state snapshot is corrupt: a negative event count or index.");
        }

        for (var s = 0; s < _numericSlots; s++)
        {
            _basePrefix[s] = Prefix.Read(reader);
        }

        _count = 0;
        EnsureCapacity(count);
        for (var b = 0; b < count; b++)
        {
            _times[b] = reader.ReadInt64();
            for (var s = 0; s < _numericSlots; s++)
            {
                var i = (b * _numericSlots) + s;
                _values[i] = reader.ReadDouble();
                _prefix[i] = Prefix.Read(reader);
            }

            for (var s = 0; s < _categoricalSlots; s++)
            {
                _categories[(b * _categoricalSlots) + s] = reader.ReadInt64();
            }
        }

        _count = count;
        foreach (var cursor in _cursors)
        {
            cursor.Clear();
            var boundary = reader.ReadInt64();
            if (boundary != long.MinValue)
            {
                // Rebuilt lazily: the next query repositions from the retained events, which is exact.
                cursor.EndBoundary = boundary;
            }
        }
    }

    /// <summary>A frame's position over the events and the accumulators that cannot be derived from prefixes.</summary>
    private sealed class Cursor
    {
        public Cursor(WindowLayout.Frame frame)
        {
            Frame = frame;
            var accumulators = frame.Accumulators;
            Deques = new LongDeque?[accumulators.Count];
            Distinct = new Dictionary<long, int>?[accumulators.Count];
            for (var a = 0; a < accumulators.Count; a++)
            {
                if (accumulators[a].Aggregate == Aggregate.DistinctCount)
                {
                    Distinct[a] = [];
                }
                else
                {
                    Deques[a] = new LongDeque();
                }
            }
        }

        public WindowLayout.Frame Frame { get; }

        public bool HasAccumulators => Deques.Length > 0;

        public bool Positioned { get; set; }

        public long Start { get; set; }

        public long End { get; set; }

        public long EndBoundary { get; set; } = long.MinValue;

        public LongDeque?[] Deques { get; }

        public Dictionary<long, int>?[] Distinct { get; }

        public void Clear()
        {
            Positioned = false;
            foreach (var deque in Deques)
            {
                deque?.Clear();
            }

            foreach (var distinct in Distinct)
            {
                distinct?.Clear();
            }
        }
    }
}
