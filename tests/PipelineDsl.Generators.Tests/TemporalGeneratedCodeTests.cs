using System.Collections;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using PipelineDsl.Generators.Tests.Infrastructure;
using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Graph;
using PipelineDsl.Runtime.Temporal;

namespace PipelineDsl.Generators.Tests;

/// <summary>
/// The generated point-in-time feature code compiles and computes what the declarations say: windows over the same
/// entity's rows strictly before the row's time, as-of joins on the latest row at or before it (within lag and
/// tolerance), and one implementation for the batch and the row-by-row path.
/// </summary>
/// <remarks>
/// The data (2024-01): riders a and b, plus z who has no account. a3 and a4 share a timestamp (a tie); weather has two
/// rows at 01-02 00:00 (the later one wins) and one at exactly a5's time; an account row sits exactly at b2's time
/// minus the lag. Input order is deliberately not time order.
/// </remarks>
public sealed class TemporalGeneratedCodeTests
{
    // Feature columns: methods in declaration order, then windows in attribute order.
    private const int Fare = 0, Rain = 1, Balance = 2, BothKnown = 3, FareSum3d = 4, FareMean3d = 5, Trips3d = 6, FareMin7d = 7,
        FareMax7d = 8, FareLast7d = 9, Zones7d = 10, FareMeanLast2 = 11, FareSameDayLastWeek = 12, TipMean7d = 13;

    private const float NaN = float.NaN;

    private static readonly string[] ExpectedNames =
    [
        "Fare", "Rain", "Balance", "both_known",
        "FareSum3d", "FareMean3d", "Trips3d", "FareMin7d", "FareMax7d", "FareLast7d", "Zones7d", "FareMeanLast2", "FareSameDayLastWeek", "TipMean7d",
    ];

    private static readonly Lazy<Assembly> Compiled = new(CompileAndLoad);

    // Input index of each trip.
    private const int A5 = 0, B1 = 1, A1 = 2, A3 = 3, A4 = 4, A2 = 5, B2 = 6, A6 = 7, Z1 = 8;

    [Fact]
    public void Generated_code_compiles_without_errors_or_warnings()
    {
        var (_, output, generatorDiagnostics) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(Sources()));

        Assert.Empty(generatorDiagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void ComputeBatch_matches_hand_computed_windows_and_as_of_joins()
    {
        var (rows, weather, accounts) = Data();
        var batch = Batch(rows, weather, accounts);
        var n = rows.Length;

        float[] Row(int i) => Enumerable.Range(0, ExpectedNames.Length).Select(j => batch[(j * n) + i]).ToArray();

        // a1 (01-01 10:00): nothing earlier; weather 01-01 00:00 is 10 h old; the account (as of 12-31 10:00) has no earlier row.
        Assert.Equal(new[] { 10f, 0.1f, NaN, 0f, 0f, NaN, 0f, NaN, NaN, NaN, 0f, NaN, NaN, NaN }, Row(A1));

        // a2 (01-02 10:00): a1 earlier; two weather rows at 01-02 00:00, the later one (0.25) wins; account as of 01-01 10:00.
        Assert.Equal(new[] { 20f, 0.25f, 100f, 1f, 10f, 10f, 1f, 10f, 10f, 10f, 1f, 10f, NaN, 1f }, Row(A2));

        // a3 and a4 tie at 01-03 10:00: neither sees the other; the latest weather is 34 h old (outside the 1 d tolerance).
        var tie = new[] { 30f, NaN, 100f, 0f, 30f, 15f, 2f, 10f, 20f, 20f, 2f, 15f, NaN, 1f };
        Assert.Equal(tie, Row(A3));
        Assert.Equal(tie.Select((v, j) => j == Fare ? 5f : v), Row(A4));

        // a5 (01-05 09:00): 3 d = [01-02 09:00, 01-05 09:00) holds a2, a3, a4; Last is a4 (ties keep input order);
        // weather at exactly 01-05 09:00 matches (at or before); the account as of 01-04 09:00 is the 01-04 row.
        Assert.Equal(
            new[] { 40f, 0.5f, 400f, 1f, 55f, (float)(55d / 3d), 3f, 5f, 30f, 5f, 3f, 17.5f, NaN, 2f },
            Row(A5));

        // a6 (01-09 10:00): the 3 d window is empty (Sum 0, Mean NaN); 7 d starts at a2's exact time (inclusive);
        // last week's same day is [01-02 10:00, 01-03 10:00): a2 only (a3/a4 at the end boundary are excluded).
        Assert.Equal(
            new[] { 50f, NaN, 400f, 0f, 0f, NaN, 0f, 5f, 40f, 40f, 3f, 22.5f, 20f, 2.5f },
            Row(A6));

        // b1 (01-02 12:00): rider b's first trip; b's account starts 01-07 12:00 (no earlier row).
        Assert.Equal(new[] { 7f, 0.25f, NaN, 0f, 0f, NaN, 0f, NaN, NaN, NaN, 0f, NaN, NaN, NaN }, Row(B1));

        // b2 (01-08 12:00): b1 is 6 d earlier (outside 3 d, inside 7 d; exactly at last week's end boundary, so excluded);
        // b1 has no tip, so the tip mean is NaN; the account row at exactly 01-07 12:00 (= time - lag) matches.
        Assert.Equal(new[] { 9f, 0.8f, 700f, 1f, 0f, NaN, 0f, 7f, 7f, 7f, 1f, 7f, NaN, NaN }, Row(B2));

        // z1 (01-04 00:00): no account at all; weather 48 h old.
        Assert.Equal(new[] { 1f, NaN, NaN, 0f, 0f, NaN, 0f, NaN, NaN, NaN, 0f, NaN, NaN, NaN }, Row(Z1));
    }

    [Fact]
    public void ComputeBatch_reports_join_matches_and_misses()
    {
        var (rows, weather, accounts) = Data();

        var reports = (JoinReport[])Harness("BatchReports").Invoke(null, [rows, weather, accounts])!;

        Assert.Equal(
            new[]
            {
                new JoinReport("weather", 9, Matched: 5, UnknownKey: 0, NoEarlierRow: 0, OutsideTolerance: 4),
                new JoinReport("accounts", 9, Matched: 6, UnknownKey: 1, NoEarlierRow: 2, OutsideTolerance: 0),
            },
            reports);
    }

    [Fact]
    public void Row_by_row_state_is_bit_identical_to_ComputeBatch()
    {
        var (rows, weather, accounts) = Data();
        var batch = Batch(rows, weather, accounts);

        var online = (float[])Harness("Online").Invoke(null, [rows, weather, accounts, -1])!;
        var restored = (float[])Harness("Online").Invoke(null, [rows, weather, accounts, rows.Length / 2])!;
        var viaDefinition = (float[])Harness("ViaDefinition").Invoke(null, [rows, weather, accounts])!;

        AssertBitIdentical(batch, online, rows.Length);
        AssertBitIdentical(batch, restored, rows.Length);
        AssertBitIdentical(batch, viaDefinition, rows.Length);
    }

    [Theory]
    [InlineData("a", 10, 9)]
    [InlineData("b", 9, 0)]
    [InlineData("new", 6, 0)]
    public void A_state_that_replayed_the_rows_serves_a_later_row_like_a_batch_over_all_rows(string rider, int day, int hour)
    {
        var (rows, weather, accounts) = Data();
        var next = Make("Rides.Trip", ("Rider", rider), ("When", At(day, hour)), ("Fare", 12f), ("Zone", "x"));
        var all = Array.CreateInstance(rows.GetType().GetElementType()!, rows.Length + 1);
        rows.CopyTo(all, 0);
        all.SetValue(next, rows.Length);

        var served = (float[])Harness("ServeAfterBatch").Invoke(null, [rows, weather, accounts, next])!;
        var batch = Batch(all, weather, accounts);

        var n = all.Length;
        var expected = Enumerable.Range(0, ExpectedNames.Length).Select(j => batch[(j * n) + rows.Length]).ToArray();
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), served.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Batch_result_does_not_depend_on_input_order()
    {
        var (rows, weather, accounts) = Data();
        var batch = Batch(rows, weather, accounts);

        // Reverse everything but the tied a3/a4 and the tied weather rows, whose relative order decides Last and the join.
        var permutation = new[] { Z1, A6, B2, A2, A3, A4, A1, B1, A5 };
        var shuffled = Reorder(rows, permutation);
        var weatherShuffled = Reorder(weather, [3, 1, 2, 4, 0]);
        var accountsShuffled = Reorder(accounts, [3, 2, 1, 0]);
        var other = Batch(shuffled, weatherShuffled, accountsShuffled);

        var n = rows.Length;
        for (var k = 0; k < n; k++)
        {
            for (var j = 0; j < ExpectedNames.Length; j++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(batch[(j * n) + permutation[k]]), BitConverter.SingleToInt32Bits(other[(j * n) + k]));
            }
        }
    }

    [Fact]
    public void ComputeRow_places_methods_then_windows_and_passes_each_join_to_its_parameter()
    {
        var trip = Make("Rides.Trip", ("Rider", "a"), ("When", At(1, 10)), ("Fare", 3f), ("Zone", "n"));
        var weather = Make("Rides.Weather", ("Day", At(1, 0)), ("Rain", 0.5f));
        var account = Make("Rides.Account", ("Rider", "a"), ("Updated", At(1, 0)), ("Balance", 42f));
        var windows = Enumerable.Range(1, 10).Select(i => i + 0.5).ToArray();

        var row = (float[])Harness("Row").Invoke(null, [trip, weather, account, windows])!;
        var noJoins = (float[])Harness("Row").Invoke(null, [trip, null, null, windows])!;

        Assert.Equal(new[] { 3f, 0.5f, 42f, 1f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f, 8.5f, 9.5f, 10.5f }, row);
        Assert.Equal(new[] { 3f, NaN, NaN, 0f }, noJoins.Take(4));
    }

    [Fact]
    public void Definition_lists_methods_then_windows_and_the_joined_datasets()
    {
        var assembly = Compiled.Value;
        var type = assembly.GetType("Rides.TripFeatures", throwOnError: true)!;
        var definition = StaticProperty("Rides.TripFeatures", "Definition");

        Assert.Equal(ExpectedNames, (IEnumerable<string>)StaticProperty("Rides.TripFeatures", "FeatureNames"));
        Assert.Equal(ExpectedNames.Length, type.GetField("FeatureCount")!.GetValue(null));
        Assert.Equal(10, type.GetField("WindowCount")!.GetValue(null));

        var features = ((IEnumerable)Get(definition, "Features")).Cast<FeatureDefinition>().ToList();
        Assert.Equal(ExpectedNames, features.Select(f => f.Name));
        Assert.Equal("BothKnown", features[BothKnown].Method);
        Assert.Equal("[Window(FareSameDayLastWeek, Fare, Last, 864000000000L, 0, 5184000000000L)]", features[FareSameDayLastWeek].Method);
        Assert.Equal("[Window(FareMeanLast2, Fare, Mean, 0L, 2, 0L)]", features[FareMeanLast2].Method);
        Assert.All(features, f => Assert.Matches("^[0-9a-f]{64}$", f.CodeHash));
        Assert.Equal(features.Count, features.Select(f => f.CodeHash).Distinct().Count());
        Assert.Equal(type.GetField("FeatureSetHash")!.GetValue(null), Get(definition, "Hash"));
        Assert.Equal("trips", Get(definition, "DatasetName"));
        Assert.Equal(true, Get(definition, "IsPointInTime"));

        var windows = (IReadOnlyList<WindowSpec>)Get(definition, "Windows");
        Assert.Equal(
            new[]
            {
                new WindowSpec("FareSum3d", "Fare", Aggregate.Sum, 0, TimeSpan.FromDays(3).Ticks, 0, 0),
                new WindowSpec("FareMean3d", "Fare", Aggregate.Mean, 0, TimeSpan.FromDays(3).Ticks, 0, 0),
                new WindowSpec("Trips3d", "Fare", Aggregate.Count, 0, TimeSpan.FromDays(3).Ticks, 0, 0),
                new WindowSpec("FareMin7d", "Fare", Aggregate.Min, 0, TimeSpan.FromDays(7).Ticks, 0, 0),
                new WindowSpec("FareMax7d", "Fare", Aggregate.Max, 0, TimeSpan.FromDays(7).Ticks, 0, 0),
                new WindowSpec("FareLast7d", "Fare", Aggregate.Last, 0, TimeSpan.FromDays(7).Ticks, 0, 0),
                new WindowSpec("Zones7d", "Zone", Aggregate.DistinctCount, 0, TimeSpan.FromDays(7).Ticks, 0, 0),
                new WindowSpec("FareMeanLast2", "Fare", Aggregate.Mean, 0, 0, 2, 0),
                new WindowSpec("FareSameDayLastWeek", "Fare", Aggregate.Last, 0, TimeSpan.FromDays(1).Ticks, 0, TimeSpan.FromDays(6).Ticks),
                new WindowSpec("TipMean7d", "Tip", Aggregate.Mean, 1, TimeSpan.FromDays(7).Ticks, 0, 0),
            },
            windows);

        var joined = (IReadOnlyList<IDatasetDefinition>)Get(definition, "JoinedDatasets");
        Assert.Equal(new[] { "weather", "accounts" }, joined.Select(d => d.Name));

        // A point-in-time set has no row function of its own: features go through CreateState.
        var trip = Make("Rides.Trip", ("Rider", "a"), ("When", At(1, 10)));
        Assert.IsType<InvalidOperationException>(Harness("DefinitionComputeRow").Invoke(null, [trip]));
    }

    [Fact]
    public void FeatureSetHash_changes_with_a_window_duration_but_not_with_formatting()
    {
        var original = FeatureSetHash(TemporalTestSources.TripFeatures);
        var longer = FeatureSetHash(Edit(TemporalTestSources.TripFeatures, "Aggregate.Sum, \"3d\"", "Aggregate.Sum, \"4d\""));
        var sameTicks = FeatureSetHash(Edit(TemporalTestSources.TripFeatures, "Aggregate.Sum, \"3d\"", "Aggregate.Sum, \"72h\""));
        var lag = FeatureSetHash(Edit(TemporalTestSources.TripFeatures, "Lag = \"6d\"", "Lag = \"5d\""));
        var tolerance = FeatureSetHash(Edit(TemporalTestSources.TripFeatures, "Tolerance = \"1d\"", "Tolerance = \"2d\""));
        var spaced = FeatureSetHash(Edit(TemporalTestSources.TripFeatures, "[Window(\"FareSum3d\", nameof(Trip.Fare),", "[Window(\"FareSum3d\",   nameof( Trip.Fare ),"));

        Assert.Matches("^[0-9a-f]{64}$", original);
        Assert.NotEqual(original, longer);
        Assert.NotEqual(original, lag);
        Assert.NotEqual(original, tolerance);
        Assert.Equal(original, sameTicks);
        Assert.Equal(original, spaced);
    }

    [Fact]
    public void Pipeline_graph_has_joined_dataset_nodes_and_a_backtest()
    {
        var pipeline = (IPipelineDefinition)StaticProperty("Rides.TripPipeline", "Definition");

        Assert.Equal(new SplitDefinition(SplitStrategy.Time, 0.2, 11, new DateTime(2024, 1, 6), 3), pipeline.Split);
        Assert.Equal(
            new[]
            {
                new GateRule(Metric.Auc, GateComparison.AtLeast, 0.8),
                new GateRule(Metric.Auc, GateComparison.AtLeast, 0.7, WorstFold: true),
                new GateRule(Metric.LogLoss, GateComparison.AtMost, 0.6, WorstFold: true),
            },
            pipeline.Gates);
        Assert.Equal(new[] { "trips", "weather", "accounts" }, (IEnumerable<string>)Get(pipeline, "DatasetNames"));

        var graph = pipeline.Graph;
        Assert.Equal(
            new[]
            {
                "ingest:trips", "validate:trips", "snapshot:trips", "features:TripFeatures", "split:trips", "train:TripModel",
                "evaluate:TripModel", "gate:TripModel", "register:trips",
                "ingest:weather", "validate:weather", "snapshot:weather",
                "ingest:accounts", "validate:accounts", "snapshot:accounts",
                "backtest:TripModel",
            },
            graph.Nodes.Select(n => n.Id));
        Assert.Equal(NodeKind.Backtest, graph["backtest:TripModel"].Kind);
        Assert.Equal(
            new[] { "validate:accounts", "validate:trips", "validate:weather" },
            graph.DependenciesOf("features:TripFeatures").Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "features:TripFeatures", "split:trips" }, graph.DependenciesOf("backtest:TripModel").Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "backtest:TripModel", "evaluate:TripModel" }, graph.DependenciesOf("gate:TripModel").Order(StringComparer.Ordinal));
        Assert.Equal(
            new[] { "gate:TripModel", "snapshot:accounts", "snapshot:trips", "snapshot:weather" },
            graph.DependenciesOf("register:trips").Order(StringComparer.Ordinal));
        Assert.Equal(12 + (2 * 4) + 3, graph.Edges.Count);

        var order = (IReadOnlyList<string>)StaticProperty("Rides.TripPipeline", "TopologicalOrder");
        Assert.Equal(graph.TopologicalOrder, order);
        foreach (var edge in graph.Edges)
        {
            Assert.True(order.ToList().IndexOf(edge.From) < order.ToList().IndexOf(edge.To), $"{edge.From} -> {edge.To}");
        }
    }

    // ------------------------------------------------------------------ data

    private static DateTime At(int day, int hour) => new(2024, 1, day, hour, 0, 0, DateTimeKind.Utc);

    private static (Array Rows, Array Weather, Array Accounts) Data()
    {
        var rows = MakeArray(
            "Rides.Trip",
            Trip("a", At(5, 9), 40f, 2d, "n"),   // A5
            Trip("b", At(2, 12), 7f, null, "n"), // B1
            Trip("a", At(1, 10), 10f, 1d, "n"),  // A1
            Trip("a", At(3, 10), 30f, 3d, "n"),  // A3
            Trip("a", At(3, 10), 5f, null, "e"), // A4 (tie with A3)
            Trip("a", At(2, 10), 20f, null, "s"), // A2
            Trip("b", At(8, 12), 9f, 4d, "s"),   // B2
            Trip("a", At(9, 10), 50f, null, "w"), // A6
            Trip("z", At(4, 0), 1f, null, "n")); // Z1
        var weather = MakeArray(
            "Rides.Weather",
            Make("Rides.Weather", ("Day", At(5, 9)), ("Rain", 0.5f)),
            Make("Rides.Weather", ("Day", At(1, 0)), ("Rain", 0.1f)),
            Make("Rides.Weather", ("Day", At(2, 0)), ("Rain", 0.2f)),
            Make("Rides.Weather", ("Day", At(8, 0)), ("Rain", 0.8f)),
            Make("Rides.Weather", ("Day", At(2, 0)), ("Rain", 0.25f)));
        var accounts = MakeArray(
            "Rides.Account",
            Make("Rides.Account", ("Rider", "a"), ("Updated", At(4, 0)), ("Balance", 400f)),
            Make("Rides.Account", ("Rider", "a"), ("Updated", At(1, 0)), ("Balance", 100f)),
            Make("Rides.Account", ("Rider", "b"), ("Updated", At(7, 12)), ("Balance", 700f)),
            Make("Rides.Account", ("Rider", "c"), ("Updated", At(1, 0)), ("Balance", 5f)));
        return (rows, weather, accounts);

        static object Trip(string rider, DateTime when, float fare, double? tip, string zone) =>
            Make("Rides.Trip", ("Rider", rider), ("When", when), ("Fare", fare), ("Tip", tip), ("Zone", zone));
    }

    private static float[] Batch(Array rows, Array weather, Array accounts) =>
        (float[])Harness("Batch").Invoke(null, [rows, weather, accounts])!;

    private static void AssertBitIdentical(float[] expected, float[] actual, int rows)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.True(
                BitConverter.SingleToInt32Bits(expected[k]) == BitConverter.SingleToInt32Bits(actual[k]),
                $"feature {ExpectedNames[k / rows]} of row {k % rows}: batch {expected[k]}, row by row {actual[k]}");
        }
    }

    private static Array Reorder(Array source, int[] permutation)
    {
        var result = Array.CreateInstance(source.GetType().GetElementType()!, permutation.Length);
        for (var k = 0; k < permutation.Length; k++)
        {
            result.SetValue(source.GetValue(permutation[k]), k);
        }

        return result;
    }

    // ------------------------------------------------------------------ compilation

    private static (string Path, string Source)[] Sources() => [.. TemporalTestSources.All, ("Harness.cs", TemporalTestSources.Harness)];

    private static Assembly CompileAndLoad()
    {
        var (_, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(Sources()));
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("temporal-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return context.LoadFromStream(stream);
    }

    private static string FeatureSetHash(string featureSource)
    {
        var sources = TemporalTestSources.All.Select(s => s.Path == "TripFeatures.cs" ? (s.Path, featureSource) : s).ToArray();
        var run = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(sources)).Driver.GetRunResult();
        Assert.Empty(run.Diagnostics);
        var text = run.Results[0].GeneratedSources.Single(s => s.HintName == "Rides.TripFeatures.FeatureSet.g.cs").SourceText.ToString();
        return Regex.Match(text, "FeatureSetHash = \"([0-9a-f]{64})\"").Groups[1].Value;
    }

    private static string Edit(string source, string from, string to)
    {
        Assert.Contains(from, source, StringComparison.Ordinal);
        return source.Replace(from, to, StringComparison.Ordinal);
    }

    private static object Make(string type, params (string Property, object? Value)[] values)
    {
        var t = Compiled.Value.GetType(type, throwOnError: true)!;
        var instance = Activator.CreateInstance(t)!;
        foreach (var (property, value) in values)
        {
            t.GetProperty(property)!.SetValue(instance, value);
        }

        return instance;
    }

    private static Array MakeArray(string type, params object[] items)
    {
        var array = Array.CreateInstance(Compiled.Value.GetType(type, throwOnError: true)!, items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            array.SetValue(items[i], i);
        }

        return array;
    }

    private static MethodInfo Harness(string method) => Compiled.Value.GetType("Rides.Harness", throwOnError: true)!.GetMethod(method)!;

    private static object StaticProperty(string type, string property) =>
        Compiled.Value.GetType(type, throwOnError: true)!.GetProperty(property, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static object Get(object instance, string property) => instance.GetType().GetProperty(property)!.GetValue(instance)!;
}
