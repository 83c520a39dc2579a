using PipelineDsl.Runtime.Temporal;

namespace PipelineDsl.Runtime.Tests.Temporal;

public class SnapshotTests
{
    private const string Fingerprint = "feature-set-hash-0123456789abcdef";

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(1, 0.3)]
    [InlineData(2, 0.5)]
    [InlineData(3, 0.9)]
    [InlineData(3, 1.0)]
    public void Save_load_and_continue_one_by_one_equals_one_uninterrupted_replay(int seed, double fraction)
    {
        var rows = EventGenerator.InTimeOrder(EventGenerator.Generate(seed));
        var specs = EventWindows.AllSpecs();

        var single = EventWindows.Replay(EventWindows.CreateEngine(specs), rows);
        var resumed = ReplaySaveLoadContinue(rows, specs, e => e.Key, (int)(rows.Count * fraction));

        WindowReference.AssertBitIdentical(single, resumed, specs, $"resumed at {fraction:P0}");
    }

    [Fact]
    public void Long_history_snapshot_after_compaction_resumes_exactly()
    {
        var rows = OnlineReplayEqualityTests.LongHistory(seed: 9, events: 3000);
        var specs = OnlineReplayEqualityTests.LongHistorySpecs();

        var single = EventWindows.Replay(EventWindows.CreateEngine(specs), rows);

        foreach (var split in new[] { 100, 1777, 2999 })
        {
            var resumed = ReplaySaveLoadContinue(rows, specs, e => e.Key, split);
            WindowReference.AssertBitIdentical(single, resumed, specs, $"split at {split}");
        }
    }

    [Fact]
    public void Int_keys_round_trip()
    {
        var rows = EventGenerator.InTimeOrder(EventGenerator.Generate(4));
        var specs = EventWindows.AllSpecs();
        Func<Event, int> key = e => int.Parse(e.Key.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) - 25;

        var single = EventWindows.Replay(EventWindows.CreateEngine(specs, key), rows);
        var resumed = ReplaySaveLoadContinue(rows, specs, key, rows.Count / 2);

        WindowReference.AssertBitIdentical(single, resumed, specs, "int keys");
        WindowReference.AssertMatches(WindowReference.Replay(rows, specs), single, specs, rows);
    }

    [Fact]
    public void Long_keys_round_trip()
    {
        var rows = EventGenerator.InTimeOrder(EventGenerator.Generate(5));
        var specs = EventWindows.AllSpecs();
        Func<Event, long> key = e => (long.Parse(e.Key.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) << 40) - 3;

        var single = EventWindows.Replay(EventWindows.CreateEngine(specs, key), rows);
        var resumed = ReplaySaveLoadContinue(rows, specs, key, rows.Count / 3);

        WindowReference.AssertBitIdentical(single, resumed, specs, "long keys");
    }

    [Fact]
    public void String_keys_with_unusual_characters_round_trip()
    {
        var rows = EventGenerator.InTimeOrder(EventGenerator.Generate(6, keyPrefix: "ключ é\t\"|"));
        var specs = EventWindows.AllSpecs();

        var single = EventWindows.Replay(EventWindows.CreateEngine(specs), rows);
        var resumed = ReplaySaveLoadContinue(rows, specs, e => e.Key, rows.Count / 2);

        WindowReference.AssertBitIdentical(single, resumed, specs, "string keys");
    }

    [Fact]
    public void Load_restores_entities_and_replaces_existing_state()
    {
        var specs = EventWindows.AllSpecs();
        var rows = EventGenerator.Generate(7);
        var source = EventWindows.CreateEngine(specs);
        EventWindows.Replay(source, rows);
        using var snapshot = new MemoryStream();
        source.Save(snapshot, Fingerprint);
        var target = EventWindows.CreateEngine(specs);
        target.Observe(new Event("someone-else", EventGenerator.Origin, 1, "x"));

        snapshot.Position = 0;
        target.Load(snapshot, Fingerprint);

        Assert.Equal(source.EntityCount, target.EntityCount);
        Assert.Equal(source.RetainedEvents, target.RetainedEvents);
        var probe = new Event("k0", EventGenerator.Origin.AddDays(100), 0, null);
        var expected = new double[specs.Count];
        var actual = new double[specs.Count];
        source.Query(probe, expected);
        target.Query(probe, actual);
        WindowReference.AssertBitIdentical(expected, actual, specs, "query after load");

        // The replaced entity is gone: querying it finds empty windows.
        target.Query(new Event("someone-else", EventGenerator.Origin.AddHours(1), 0, null), actual);
        Assert.Equal(0, actual[0]);
    }

    [Fact]
    public void Snapshot_of_an_empty_engine_loads_as_empty()
    {
        var specs = EventWindows.AllSpecs();
        using var snapshot = new MemoryStream();
        EventWindows.CreateEngine(specs).Save(snapshot, Fingerprint);
        var target = EventWindows.CreateEngine(specs);
        target.Observe(new Event("x", EventGenerator.Origin, 1, "x"));

        snapshot.Position = 0;
        target.Load(snapshot, Fingerprint);

        Assert.Equal(0, target.EntityCount);
    }

    [Fact]
    public void Load_with_another_fingerprint_throws_and_keeps_the_current_state()
    {
        var specs = EventWindows.AllSpecs();
        var source = EventWindows.CreateEngine(specs);
        EventWindows.Replay(source, EventGenerator.Generate(8));
        using var snapshot = new MemoryStream();
        source.Save(snapshot, Fingerprint);
        var target = EventWindows.CreateEngine(specs);
        target.Observe(new Event("mine", EventGenerator.Origin, 1, "x"));

        snapshot.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => target.Load(snapshot, "another-feature-set-hash"));

        Assert.Contains(Fingerprint[..12], error.Message, StringComparison.Ordinal);
        Assert.Contains("another-feat", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, target.EntityCount);
    }

    [Fact]
    public void Load_of_an_empty_stream_throws_InvalidDataException()
    {
        var engine = EventWindows.CreateEngine(EventWindows.AllSpecs());

        Assert.Throws<InvalidDataException>(() => engine.Load(new MemoryStream(), Fingerprint));
    }

    [Theory]
    [InlineData("hello, this is not a snapshot")]
    [InlineData("PDSL")]
    public void Load_of_text_throws_InvalidDataException(string text)
    {
        var engine = EventWindows.CreateEngine(EventWindows.AllSpecs());

        Assert.Throws<InvalidDataException>(() => engine.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), Fingerprint));
    }

    [Fact]
    public void Load_of_another_binary_format_throws_InvalidDataException()
    {
        var engine = EventWindows.CreateEngine(EventWindows.AllSpecs());
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("PDSL-WINDOWS");
            writer.Write(99);
            writer.Write(Fingerprint);
        }

        stream.Position = 0;
        Assert.Throws<InvalidDataException>(() => engine.Load(stream, Fingerprint));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x02 })]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80 })]
    public void Load_of_random_bytes_throws_InvalidDataException(byte[] garbage)
    {
        var engine = EventWindows.CreateEngine(EventWindows.AllSpecs());

        Assert.Throws<InvalidDataException>(() => engine.Load(new MemoryStream(garbage), Fingerprint));
    }

    [Fact]
    public void Load_of_a_truncated_snapshot_throws_InvalidDataException()
    {
        var specs = EventWindows.AllSpecs();
        var source = EventWindows.CreateEngine(specs);
        EventWindows.Replay(source, EventGenerator.Generate(9));
        using var full = new MemoryStream();
        source.Save(full, Fingerprint);
        var bytes = full.ToArray();

        foreach (var length in new[] { 13, 20, bytes.Length / 2, bytes.Length - 1 })
        {
            var engine = EventWindows.CreateEngine(specs);
            Assert.Throws<InvalidDataException>(() => engine.Load(new MemoryStream(bytes, 0, length), Fingerprint));
        }
    }

    [Fact]
    public void Save_with_an_unsupported_key_type_throws_NotSupportedException()
    {
        var engine = EventWindows.CreateEngine(EventWindows.AllSpecs(), e => Guid.Empty);
        engine.Observe(new Event("a", EventGenerator.Origin, 1, "x"));

        Assert.Throws<NotSupportedException>(() => engine.Save(new MemoryStream(), Fingerprint));
    }

    /// <summary>
    /// Replays <c>rows[..split]</c> in one batch, saves, loads into a fresh engine and streams the rest through
    /// Query then Observe; returns the outputs of all rows in input order.
    /// </summary>
    private static double[] ReplaySaveLoadContinue<TKey>(List<Event> rows, IReadOnlyList<WindowSpec> specs, Func<Event, TKey> key, int split)
        where TKey : notnull
    {
        var width = specs.Count;
        var output = new double[rows.Count * width];
        var first = EventWindows.CreateEngine(specs, key);
        first.Replay(rows.GetRange(0, split).ToArray(), output.AsSpan(0, split * width));
        using var snapshot = new MemoryStream();
        first.Save(snapshot, Fingerprint);

        var second = EventWindows.CreateEngine(specs, key);
        snapshot.Position = 0;
        second.Load(snapshot, Fingerprint);
        Assert.Equal(snapshot.Length, snapshot.Position);
        Assert.Equal(first.EntityCount, second.EntityCount);
        Assert.Equal(first.RetainedEvents, second.RetainedEvents);
        for (var i = split; i < rows.Count; i++)
        {
            second.Query(rows[i], output.AsSpan(i * width, width));
            second.Observe(rows[i]);
        }

        return output;
    }
}
