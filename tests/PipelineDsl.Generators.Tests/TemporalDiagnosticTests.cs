using Microsoft.CodeAnalysis;
using PipelineDsl.Generators.Tests.Infrastructure;

namespace PipelineDsl.Generators.Tests;

/// <summary>
/// Point-in-time diagnostics: PDSL212 (windows), PDSL213 (as-of joins), PDSL214 (time split and backtest), PDSL204 for
/// feature methods that take joined rows, and the label rules (PDSL206/207) for datasets that are only joined. Each
/// rule has positive cases (exact ID, severity, location text and message; the complete list is asserted) and
/// negative cases (valid declarations that must produce nothing).
/// </summary>
public sealed class TemporalDiagnosticTests
{
    private const string Usings = "using System;\nusing PipelineDsl;\nnamespace T;\n";

    /// <summary>The entity dataset: keyed by rider, time-stamped, labelled.</summary>
    private const string Trip = """
        [Dataset("trips", Timestamp = nameof(When))]
        public sealed partial record Trip
        {
            [Key] public string Rider { get; init; } = "";
            public DateTime When { get; init; }
            public float Fare { get; init; }
            public string Zone { get; init; } = "";
            public long PlanId { get; init; }
            [Label] public bool Churned { get; init; }
        }

        """;

    /// <summary>Joined on time alone: no key, no label.</summary>
    private const string Weather = """
        [Dataset("weather", Timestamp = nameof(Day))]
        public sealed partial record Weather
        {
            public DateTime Day { get; init; }
            public float Rain { get; init; }
        }

        """;

    /// <summary>Joined by the key's name (Rider): no label.</summary>
    private const string Account = """
        [Dataset("accounts", Timestamp = nameof(Updated))]
        public sealed partial record Account
        {
            [Key] public string Rider { get; init; } = "";
            public DateTime Updated { get; init; }
            public float Balance { get; init; }
        }

        """;

    /// <summary>Joined with On = nameof(Trip.PlanId): its key has another name.</summary>
    private const string Plan = """
        [Dataset("plans", Timestamp = nameof(Since))]
        public sealed partial record Plan
        {
            [Key] public long Id { get; init; }
            public DateTime Since { get; init; }
            public float Price { get; init; }
        }

        """;

    private const string Model = """

        [Model(typeof(Features))]
        public sealed partial class M
        {
            [Hyperparameter] public int Leaves { get; init; } = 31;
        }

        """;

    // ------------------------------------------------------------------ PDSL212

    [Fact]
    public void PDSL212_window_declarations_that_are_wrong_on_their_own()
    {
        var source = Usings + Trip + """
            [FeatureSet(typeof(Trip))]
            [Window("BadWindow", nameof(Trip.Fare), Aggregate.Sum, "7x")]
            [Window("BadLag", nameof(Trip.Fare), Aggregate.Last, "1d", Lag = "last week")]
            [Window("BadAggregate", nameof(Trip.Fare), (Aggregate)42, "7d")]
            [Window("Twice", nameof(Trip.Fare), Aggregate.Sum, "7d")]
            [Window("Twice", nameof(Trip.Fare), Aggregate.Mean, "7d")]
            [Window("Fare", nameof(Trip.Fare), Aggregate.Mean, "7d")]
            [Window("not a name", nameof(Trip.Fare), Aggregate.Mean, "0 events")]
            public static partial class Features
            {
                [Feature] public static float Fare(Trip t) => t.Fare;
            }
            """;

        AssertDiagnostics(
            source,
            """PDSL212 Error @Window("BadWindow", nameof(Trip.Fare), Aggregate.Sum, "7x"): Window 'BadWindow' of feature set 'Features' is invalid: its window '7x' is neither a duration such as "7d", "12h", "30m", "45s" or "2w" nor "N events" """,
            """PDSL212 Error @Window("BadLag", nameof(Trip.Fare), Aggregate.Last, "1d", Lag = "last week"): Window 'BadLag' of feature set 'Features' is invalid: its lag 'last week' is not a positive duration such as "1d" """,
            """PDSL212 Error @Window("BadAggregate", nameof(Trip.Fare), (Aggregate)42, "7d"): Window 'BadAggregate' of feature set 'Features' is invalid: '42' is not an Aggregate """,
            """PDSL212 Error @Window("Twice", nameof(Trip.Fare), Aggregate.Mean, "7d"): Window 'Twice' of feature set 'Features' is invalid: another window has the same name """,
            """PDSL212 Error @Window("Fare", nameof(Trip.Fare), Aggregate.Mean, "7d"): Window 'Fare' of feature set 'Features' is invalid: its name is already used by feature method 'Fare' """,
            """PDSL212 Error @Window("not a name", nameof(Trip.Fare), Aggregate.Mean, "0 events"): Window 'not a name' of feature set 'Features' is invalid: its name must be a valid identifier; its window '0 events' is neither a duration such as "7d", "12h", "30m", "45s" or "2w" nor "N events" """);
    }

    [Fact]
    public void PDSL212_window_name_clashes_with_a_renamed_feature()
    {
        var source = Usings + Trip + """
            [FeatureSet(typeof(Trip))]
            [Window("fare_mean", nameof(Trip.Fare), Aggregate.Mean, "7d")]
            public static partial class Features
            {
                [Feature(Name = "fare_mean")] public static float Fare(Trip t) => t.Fare;
            }
            """;

        AssertDiagnostics(
            source,
            """PDSL212 Error @Window("fare_mean", nameof(Trip.Fare), Aggregate.Mean, "7d"): Window 'fare_mean' of feature set 'Features' is invalid: its name is already used by feature method 'Fare' """);
    }

    [Fact]
    public void PDSL212_windows_need_a_timestamp()
    {
        var source = Usings + """
            [Dataset("events")]
            public sealed partial record Event
            {
                [Key] public string Id { get; init; } = "";
                public float X { get; init; }
                [Label] public bool Y { get; init; }
            }

            [FeatureSet(typeof(Event))]
            [Window("XSum7d", nameof(Event.X), Aggregate.Sum, "7d")]
            public static partial class Features;
            """ + Model;

        var run = AssertDiagnostics(
            source,
            """PDSL212 Error @Window("XSum7d", nameof(Event.X), Aggregate.Sum, "7d"): Window 'XSum7d' of feature set 'Features' is invalid: dataset 'Event' declares no Timestamp, so there is no 'before' to aggregate over """);

        // The feature set is not emitted; the model still is, and everything compiles.
        Assert.Equal(["T.Event.Dataset.g.cs", "T.M.Model.g.cs"], run.HintNames);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void PDSL212_windows_need_exactly_one_non_nullable_key()
    {
        var source = Usings + """
            [Dataset("nokey", Timestamp = nameof(When))]
            public sealed partial record NoKey
            {
                public DateTime When { get; init; }
                public float X { get; init; }
            }

            [Dataset("twokeys", Timestamp = nameof(When))]
            public sealed partial record TwoKeys
            {
                [Key] public string Store { get; init; } = "";
                [Key] public int Product { get; init; }
                public DateTime When { get; init; }
                public float X { get; init; }
            }

            [Dataset("nullablekey", Timestamp = nameof(When))]
            public sealed partial record NullableKey
            {
                [Key] public int? Id { get; init; }
                public DateTime When { get; init; }
                public float X { get; init; }
            }

            [Dataset("nullablestringkey", Timestamp = nameof(When))]
            public sealed partial record NullableStringKey
            {
                [Key] public string? Id { get; init; }
                public DateTime When { get; init; }
                public float X { get; init; }
            }

            [Dataset("datekey", Timestamp = nameof(When))]
            public sealed partial record DateKey
            {
                [Key] public DateTime Day { get; init; }
                public DateTime When { get; init; }
                public float X { get; init; }
            }

            [FeatureSet(typeof(NoKey))]
            [Window("A", nameof(NoKey.X), Aggregate.Mean, "7d")]
            public static partial class NoKeyFeatures;

            [FeatureSet(typeof(TwoKeys))]
            [Window("B", nameof(TwoKeys.X), Aggregate.Mean, "7d")]
            public static partial class TwoKeysFeatures;

            [FeatureSet(typeof(NullableKey))]
            [Window("C", nameof(NullableKey.X), Aggregate.Mean, "7d")]
            public static partial class NullableKeyFeatures;

            [FeatureSet(typeof(NullableStringKey))]
            [Window("D", nameof(NullableStringKey.X), Aggregate.Mean, "7d")]
            public static partial class NullableStringKeyFeatures;

            [FeatureSet(typeof(DateKey))]
            [Window("E", nameof(DateKey.X), Aggregate.Mean, "7d")]
            public static partial class DateKeyFeatures;
            """;

        AssertDiagnostics(
            source,
            """PDSL212 Error @Window("A", nameof(NoKey.X), Aggregate.Mean, "7d"): Window 'A' of feature set 'NoKeyFeatures' is invalid: dataset 'NoKey' declares no [Key] member to group the entity's rows by """,
            """PDSL212 Error @Window("B", nameof(TwoKeys.X), Aggregate.Mean, "7d"): Window 'B' of feature set 'TwoKeysFeatures' is invalid: dataset 'TwoKeys' declares 2 [Key] members; a window needs exactly one """,
            """PDSL212 Error @Window("C", nameof(NullableKey.X), Aggregate.Mean, "7d"): Window 'C' of feature set 'NullableKeyFeatures' is invalid: the key 'Id' must be a non-nullable string, int or long """,
            """PDSL212 Error @Window("D", nameof(NullableStringKey.X), Aggregate.Mean, "7d"): Window 'D' of feature set 'NullableStringKeyFeatures' is invalid: the key 'Id' must be a non-nullable string, int or long """,
            """PDSL212 Error @Window("E", nameof(DateKey.X), Aggregate.Mean, "7d"): Window 'E' of feature set 'DateKeyFeatures' is invalid: the key 'Day' must be a non-nullable string, int or long """);
    }

    [Fact]
    public void PDSL212_window_member_must_exist_and_fit_the_aggregate()
    {
        var source = Usings + Trip + """
            [FeatureSet(typeof(Trip))]
            [Window("Missing", "Tip", Aggregate.Mean, "7d")]
            [Window("ZoneSum", nameof(Trip.Zone), Aggregate.Sum, "7d")]
            [Window("LastWhen", nameof(Trip.When), Aggregate.Last, "7d")]
            [Window("FareMean", nameof(Trip.Fare), Aggregate.Mean, "7d")]
            public static partial class Features;
            """;

        AssertDiagnostics(
            source,
            """PDSL212 Error @Window("Missing", "Tip", Aggregate.Mean, "7d"): Window 'Missing' of feature set 'Features' is invalid: dataset 'Trip' has no member 'Tip' """,
            """PDSL212 Error @Window("ZoneSum", nameof(Trip.Zone), Aggregate.Sum, "7d"): Window 'ZoneSum' of feature set 'Features' is invalid: Sum needs a numeric or bool member, and 'Zone' is string """,
            """PDSL212 Error @Window("LastWhen", nameof(Trip.When), Aggregate.Last, "7d"): Window 'LastWhen' of feature set 'Features' is invalid: Last needs a numeric or bool member, and 'When' is DateTime """);
    }

    [Fact]
    public void PDSL212_valid_windows_produce_no_diagnostic_and_compile()
    {
        var source = Usings + """
            [Dataset("trips", Timestamp = nameof(When))]
            public sealed partial record Trip
            {
                [Key] public long RiderId { get; init; }
                public DateTime When { get; init; }
                public float Fare { get; init; }
                public double? Tip { get; init; }
                public decimal Toll { get; init; }
                public int Stops { get; init; }
                public bool Shared { get; init; }
                public string Zone { get; init; } = "";
                public string? Coupon { get; init; }
                [Label] public bool Churned { get; init; }
            }

            [FeatureSet(typeof(Trip))]
            [Window("FareSum7d", nameof(Trip.Fare), Aggregate.Sum, "7d")]
            [Window("TipMean12h", nameof(Trip.Tip), Aggregate.Mean, "12h")]
            [Window("TollMax2w", nameof(Trip.Toll), Aggregate.Max, "2w")]
            [Window("StopsMin30m", nameof(Trip.Stops), Aggregate.Min, "30m")]
            [Window("SharedLast", nameof(Trip.Shared), Aggregate.Last, "45s")]
            [Window("FareMeanLast10", nameof(Trip.Fare), Aggregate.Mean, "10 events")]
            [Window("FareLastOne", nameof(Trip.Fare), Aggregate.Last, "1 event")]
            [Window("FareLastWeek", nameof(Trip.Fare), Aggregate.Last, "1d", Lag = "6d")]
            [Window("Trips7d", nameof(Trip.Zone), Aggregate.Count, "7d")]
            [Window("Zones7d", nameof(Trip.Zone), Aggregate.DistinctCount, "7d")]
            [Window("Coupons7d", nameof(Trip.Coupon), Aggregate.DistinctCount, "7d")]
            [Window("StopValues7d", nameof(Trip.Stops), Aggregate.DistinctCount, "7d")]
            [Window("TipValues7d", nameof(Trip.Tip), Aggregate.DistinctCount, "7d")]
            [Window("SharedValues7d", nameof(Trip.Shared), Aggregate.DistinctCount, "7d")]
            [Window("WhenValues7d", nameof(Trip.When), Aggregate.DistinctCount, "7d")]
            public static partial class Features
            {
                [Feature] public static float Fare(Trip t) => t.Fare;
            }
            """ + Model + """
            [Pipeline("p", typeof(M), Split = SplitStrategy.Time)]
            public static partial class P;
            """;

        var run = AssertDiagnostics(source);

        Assert.Contains("T.Features.FeatureSet.g.cs", run.HintNames);
        Assert.Contains("T.P.Pipeline.g.cs", run.HintNames);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void PDSL212_a_feature_set_of_windows_only_has_no_PDSL210()
    {
        var source = Usings + Trip + """
            [FeatureSet(typeof(Trip))]
            [Window("Trips7d", nameof(Trip.Fare), Aggregate.Count, "7d")]
            public static partial class Features;
            """;

        var run = AssertDiagnostics(source);

        Assert.Contains("T.Features.FeatureSet.g.cs", run.HintNames);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void PDSL212_a_feature_set_whose_only_window_is_invalid_also_gets_PDSL210()
    {
        // Current behaviour: the invalid window is dropped before the "no features" check, so the warning follows the error.
        var source = Usings + Trip + """
            [FeatureSet(typeof(Trip))]
            [Window("FareSum", nameof(Trip.Fare), Aggregate.Sum, "a week")]
            public static partial class Features;
            """;

        AssertDiagnostics(
            source,
            """PDSL212 Error @Window("FareSum", nameof(Trip.Fare), Aggregate.Sum, "a week"): Window 'FareSum' of feature set 'Features' is invalid: its window 'a week' is neither a duration such as "7d", "12h", "30m", "45s" or "2w" nor "N events" """,
            "PDSL210 Warning @Features: Feature set 'Features' declares no [Feature] method");
    }

    // ------------------------------------------------------------------ PDSL213

    [Fact]
    public void PDSL213_join_declarations_that_are_wrong_on_their_own()
    {
        var source = Usings + Trip + Weather + """
            public sealed class Holiday { public DateTime Day { get; init; } }

            [FeatureSet(typeof(Trip))]
            [AsOfJoin(typeof(Holiday))]
            [AsOfJoin(typeof(Trip))]
            [AsOfJoin(typeof(Weather), Tolerance = "1d")]
            [AsOfJoin(typeof(Weather), Tolerance = "2d")]
            public static partial class Features
            {
                [Feature] public static float Fare(Trip t) => t.Fare;
            }

            [FeatureSet(typeof(Trip))]
            [AsOfJoin(typeof(Weather), Tolerance = "one day", Lag = "0d")]
            public static partial class OtherFeatures
            {
                [Feature] public static float Fare(Trip t) => t.Fare;
            }
            """;

        AssertDiagnostics(
            source,
            """PDSL213 Error @AsOfJoin(typeof(Holiday)): As-of join of 'Holiday' in feature set 'Features' is invalid: 'T.Holiday' is not marked [Dataset] """,
            """PDSL213 Error @AsOfJoin(typeof(Trip)): As-of join of 'Trip' in feature set 'Features' is invalid: a feature set cannot join its own dataset; use a [Window] over it instead """,
            """PDSL213 Error @AsOfJoin(typeof(Weather), Tolerance = "2d"): As-of join of 'Weather' in feature set 'Features' is invalid: the dataset is already joined """,
            """PDSL213 Error @AsOfJoin(typeof(Weather), Tolerance = "one day", Lag = "0d"): As-of join of 'Weather' in feature set 'OtherFeatures' is invalid: its tolerance 'one day' is not a positive duration such as "1d"; its lag '0d' is not a positive duration such as "1d" """);
    }

    [Fact]
    public void PDSL213_joins_need_timestamps_on_both_sides()
    {
        var source = Usings + Trip + Weather + """
            [Dataset("holidays")]
            public sealed partial record Holiday
            {
                public DateTime Day { get; init; }
                public bool Closed { get; init; }
            }

            [Dataset("stations")]
            public sealed partial record Station
            {
                [Key] public string Id { get; init; } = "";
                public float Capacity { get; init; }
                [Label] public float Riders { get; init; }
            }

            [FeatureSet(typeof(Trip))]
            [AsOfJoin(typeof(Holiday))]
            public static partial class TripFeatures
            {
                [Feature] public static float Fare(Trip t) => t.Fare;
            }

            [FeatureSet(typeof(Station))]
            [AsOfJoin(typeof(Weather))]
            public static partial class StationFeatures
            {
                [Feature] public static float Capacity(Station s) => s.Capacity;
            }
            """;

        AssertDiagnostics(
            source,
            """PDSL213 Error @AsOfJoin(typeof(Holiday)): As-of join of 'Holiday' in feature set 'TripFeatures' is invalid: dataset 'Holiday' declares no Timestamp, so 'the latest row at or before' is undefined """,
            """PDSL213 Error @AsOfJoin(typeof(Weather)): As-of join of 'Weather' in feature set 'StationFeatures' is invalid: dataset 'Station' declares no Timestamp to join as of """);
    }

    [Fact]
    public void PDSL213_join_keys_must_exist_and_match()
    {
        var source = Usings + Trip + Weather + """
            [Dataset("accounts", Timestamp = nameof(Updated))]
            public sealed partial record Account
            {
                [Key] public long Rider { get; init; }
                public DateTime Updated { get; init; }
                public float Balance { get; init; }
            }

            [Dataset("plans", Timestamp = nameof(Since))]
            public sealed partial record Plan
            {
                [Key] public long Id { get; init; }
                public DateTime Since { get; init; }
                public float Price { get; init; }
            }

            [Dataset("cards", Timestamp = nameof(Issued))]
            public sealed partial record Card
            {
                [Key] public string Rider { get; init; } = "";
                [Key] public string Number { get; init; } = "";
                public DateTime Issued { get; init; }
            }

            [FeatureSet(typeof(Trip))]
            [AsOfJoin(typeof(Account))]
            [AsOfJoin(typeof(Plan))]
            [AsOfJoin(typeof(Weather), On = nameof(Trip.Rider))]
            [AsOfJoin(typeof(Card))]
            public static partial class Features
            {
                [Feature] public static float Fare(Trip t) => t.Fare;
            }

            [FeatureSet(typeof(Trip))]
            [AsOfJoin(typeof(Plan), On = "Plan")]
            [AsOfJoin(typeof(Account), On = nameof(Trip.PlanId))]
            public static partial class OtherFeatures
            {
                [Feature] public static float Fare(Trip t) => t.Fare;
            }
            """;

        AssertDiagnostics(
            source,
            """PDSL213 Error @AsOfJoin(typeof(Account)): As-of join of 'Account' in feature set 'Features' is invalid: 'Trip.Rider' (string) and the key 'Account.Rider' (long) must have the same non-nullable string, int or long type """,
            """PDSL213 Error @AsOfJoin(typeof(Plan)): As-of join of 'Plan' in feature set 'Features' is invalid: dataset 'Trip' has no member 'Id' to match the key of 'Plan'; name one with On """,
            """PDSL213 Error @AsOfJoin(typeof(Weather), On = nameof(Trip.Rider)): As-of join of 'Weather' in feature set 'Features' is invalid: On = "Rider" names a key, but dataset 'Weather' has no [Key] member (it is joined on time alone) """,
            """PDSL213 Error @AsOfJoin(typeof(Card)): As-of join of 'Card' in feature set 'Features' is invalid: dataset 'Card' declares 2 [Key] members; an as-of join needs at most one """,
            """PDSL213 Error @AsOfJoin(typeof(Plan), On = "Plan"): As-of join of 'Plan' in feature set 'OtherFeatures' is invalid: dataset 'Trip' has no member 'Plan' """);
    }

    [Fact]
    public void PDSL213_join_of_an_invalid_dataset_points_at_its_diagnostics()
    {
        var source = Usings + Trip + """
            [Dataset("weather", Timestamp = nameof(Day))]
            public sealed partial record Weather
            {
                public string Day { get; init; } = "";
                public float Rain { get; init; }
            }

            [FeatureSet(typeof(Trip))]
            [AsOfJoin(typeof(Weather))]
            public static partial class Features
            {
                [Feature] public static float Fare(Trip t) => t.Fare;
            }
            """;

        AssertDiagnostics(
            source,
            """PDSL209 Error @Dataset("weather", Timestamp = nameof(Day)): Dataset 'weather' names timestamp member 'Day', which has type 'string', not DateTime """,
            """PDSL213 Error @AsOfJoin(typeof(Weather)): As-of join of 'Weather' in feature set 'Features' is invalid: dataset 'Weather' is invalid (see its diagnostics) """);
    }

    [Fact]
    public void PDSL213_valid_joins_produce_no_diagnostic_and_compile()
    {
        var source = Usings + Trip + Weather + Account + Plan + """
            [FeatureSet(typeof(Trip))]
            [AsOfJoin(typeof(Weather), Tolerance = "1d")]
            [AsOfJoin(typeof(Account), Lag = "1d")]
            [AsOfJoin(typeof(Plan), On = nameof(Trip.PlanId), Lag = "12h", Tolerance = "30d")]
            public static partial class Features
            {
                [Feature] public static float Fare(Trip t) => t.Fare;
                [Feature] public static float Rain(Trip t, Weather? w) => w?.Rain ?? float.NaN;
                [Feature] public static float Balance(Trip t, Account? a) => a?.Balance ?? float.NaN;
                [Feature] public static double PricePerFare(Trip t, Plan? p, Account? a) => p is null || a is null ? double.NaN : p.Price / t.Fare;
            }
            """ + Model + """
            [Pipeline("p", typeof(M), Split = SplitStrategy.Time)]
            public static partial class P;
            """;

        var run = AssertDiagnostics(source);

        Assert.Contains("T.Features.FeatureSet.g.cs", run.HintNames);
        Assert.Contains("T.P.Pipeline.g.cs", run.HintNames);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void PDSL213_joined_dataset_with_the_name_of_the_pipeline_dataset_does_not_crash_the_generator()
    {
        var source = Usings + Trip + """
            [Dataset("trips", Timestamp = nameof(Day))]
            public sealed partial record Weather
            {
                public DateTime Day { get; init; }
                public float Rain { get; init; }
            }

            [FeatureSet(typeof(Trip))]
            [AsOfJoin(typeof(Weather))]
            public static partial class Features
            {
                [Feature] public static float Rain(Trip t, Weather? w) => w?.Rain ?? float.NaN;
            }
            """ + Model + """
            [Pipeline("p", typeof(M), Split = SplitStrategy.Time)]
            public static partial class P;
            """;

        AssertNoGeneratorCrash(source);
    }

    [Fact]
    public void PDSL213_two_joined_datasets_with_one_name_do_not_crash_the_generator()
    {
        var source = Usings + Trip + Weather + """
            [Dataset("weather", Timestamp = nameof(Day))]
            public sealed partial record Forecast
            {
                public DateTime Day { get; init; }
                public float Rain { get; init; }
            }

            [FeatureSet(typeof(Trip))]
            [AsOfJoin(typeof(Weather))]
            [AsOfJoin(typeof(Forecast))]
            public static partial class Features
            {
                [Feature] public static float Rain(Trip t, Weather? w) => w?.Rain ?? float.NaN;
            }
            """ + Model + """
            [Pipeline("p", typeof(M), Split = SplitStrategy.Time)]
            public static partial class P;
            """;

        AssertNoGeneratorCrash(source);
    }

    // ------------------------------------------------------------------ PDSL204 with joined rows

    [Fact]
    public void PDSL204_feature_methods_taking_joined_rows()
    {
        var source = Usings + Trip + Weather + Account + """
            [FeatureSet(typeof(Trip))]
            [AsOfJoin(typeof(Weather))]
            public static partial class Features
            {
                [Feature] public static float NotJoined(Trip t, Account? a) => a?.Balance ?? 0f;
                [Feature] public static float NotNullable(Trip t, Weather w) => w.Rain;
                [Feature] public static float Twice(Trip t, Weather? a, Weather? b) => 0f;
                [Feature] public static float ByRef(Trip t, in Weather? w) => 0f;
                [Feature] public static float JoinFirst(Weather? w, Trip t) => 0f;
                [Feature] public static float Fine(Trip t, Weather? w) => w?.Rain ?? float.NaN;
            }
            """;

        AssertDiagnostics(
            source,
            "PDSL204 Error @NotJoined: Feature method 'NotJoined' has an invalid signature: its parameter 'a' must be a row of a dataset joined with [AsOfJoin] (Weather?), passed by value",
            "PDSL204 Error @NotNullable: Feature method 'NotNullable' has an invalid signature: its parameter 'w' must be declared 'Weather?': the joined row is null when no row matches",
            "PDSL204 Error @Twice: Feature method 'Twice' has an invalid signature: it takes the row of join 'Weather' twice",
            "PDSL204 Error @ByRef: Feature method 'ByRef' has an invalid signature: its parameter 'w' must be a row of a dataset joined with [AsOfJoin] (Weather?), passed by value",
            "PDSL204 Error @JoinFirst: Feature method 'JoinFirst' has an invalid signature: its first parameter must be of type 'Trip', passed by value");
    }

    [Fact]
    public void PDSL213_an_invalid_join_does_not_make_its_feature_methods_invalid()
    {
        var source = Usings + Trip + Weather + """
            [FeatureSet(typeof(Trip))]
            [AsOfJoin(typeof(Weather), Tolerance = "one day")]
            public static partial class Features
            {
                [Feature] public static float Rain(Trip t, Weather? w) => w?.Rain ?? float.NaN;
            }
            """;

        AssertDiagnostics(
            source,
            """PDSL213 Error @AsOfJoin(typeof(Weather), Tolerance = "one day"): As-of join of 'Weather' in feature set 'Features' is invalid: its tolerance 'one day' is not a positive duration such as "1d" """);
    }

    [Fact]
    public void PDSL204_joined_row_parameter_without_any_join_keeps_the_one_parameter_message()
    {
        var source = Usings + Trip + Weather + """
            [FeatureSet(typeof(Trip))]
            public static partial class Features
            {
                [Feature] public static float Rain(Trip t, Weather? w) => w?.Rain ?? float.NaN;
            }
            """;

        AssertDiagnostics(
            source,
            "PDSL204 Error @Rain: Feature method 'Rain' has an invalid signature: it must take exactly one parameter of type 'Trip', not 2");
    }

    [Fact]
    public void PDSL204_nullable_joined_row_parameter_is_valid()
    {
        var source = Usings + Trip + Weather + """
            [FeatureSet(typeof(Trip))]
            [AsOfJoin(typeof(Weather))]
            public static partial class Features
            {
                [Feature] public static float Rain(Trip r, Weather? w) => w?.Rain ?? float.NaN;
            }
            """;

        var run = AssertDiagnostics(source);

        Assert.Contains("T.Features.FeatureSet.g.cs", run.HintNames);
        Assert.Empty(run.CompilationErrors);
    }

    // ------------------------------------------------------------------ PDSL214

    [Fact]
    public void PDSL214_invalid_cutoff_and_backtest_folds()
    {
        var source = Usings + Trip + """
            [FeatureSet(typeof(Trip))]
            public static partial class Features
            {
                [Feature] public static float Fare(Trip t) => t.Fare;
            }
            """ + Model + """
            [Pipeline("bad-date", typeof(M), Split = SplitStrategy.Time, TimeCutoff = "2015-13-45")]
            public static partial class BadDate;

            [Pipeline("us-date", typeof(M), TimeCutoff = "01/02/2015")]
            public static partial class UsDate;

            [Pipeline("one-fold", typeof(M), Split = SplitStrategy.Time, BacktestFolds = 1)]
            public static partial class OneFold;

            [Pipeline("negative-folds", typeof(M), Split = SplitStrategy.Time, BacktestFolds = -2)]
            public static partial class NegativeFolds;

            [Pipeline("too-many-folds", typeof(M), Split = SplitStrategy.Time, BacktestFolds = 53)]
            public static partial class TooManyFolds;

            [Pipeline("random-backtest", typeof(M), Split = SplitStrategy.Random, BacktestFolds = 4)]
            public static partial class RandomBacktest;

            [Pipeline("stratified-cutoff", typeof(M), Split = SplitStrategy.Stratified, TimeCutoff = "2015-01-01")]
            public static partial class StratifiedCutoff;

            [Pipeline("everything", typeof(M), Split = SplitStrategy.Random, TimeCutoff = "2015-02-30", BacktestFolds = 1)]
            public static partial class Everything;
            """;

        var run = AssertDiagnostics(
            source,
            """PDSL214 Error @Pipeline("bad-date", typeof(M), Split = SplitStrategy.Time, TimeCutoff = "2015-13-45"): Pipeline 'bad-date' has an invalid time-aware evaluation: TimeCutoff '2015-13-45' is not an ISO 8601 date such as "2015-01-01" """,
            """PDSL214 Error @Pipeline("us-date", typeof(M), TimeCutoff = "01/02/2015"): Pipeline 'us-date' has an invalid time-aware evaluation: TimeCutoff '01/02/2015' is not an ISO 8601 date such as "2015-01-01" """,
            """PDSL214 Error @Pipeline("one-fold", typeof(M), Split = SplitStrategy.Time, BacktestFolds = 1): Pipeline 'one-fold' has an invalid time-aware evaluation: BacktestFolds must be 0 (none) or between 2 and 52, not 1 """,
            """PDSL214 Error @Pipeline("negative-folds", typeof(M), Split = SplitStrategy.Time, BacktestFolds = -2): Pipeline 'negative-folds' has an invalid time-aware evaluation: BacktestFolds must be 0 (none) or between 2 and 52, not -2 """,
            """PDSL214 Error @Pipeline("too-many-folds", typeof(M), Split = SplitStrategy.Time, BacktestFolds = 53): Pipeline 'too-many-folds' has an invalid time-aware evaluation: BacktestFolds must be 0 (none) or between 2 and 52, not 53 """,
            """PDSL214 Error @Pipeline("random-backtest", typeof(M), Split = SplitStrategy.Random, BacktestFolds = 4): Pipeline 'random-backtest' has an invalid time-aware evaluation: a time cut-off or a backtest needs Split = SplitStrategy.Time (or Auto on a time-stamped dataset), not Random """,
            """PDSL214 Error @Pipeline("stratified-cutoff", typeof(M), Split = SplitStrategy.Stratified, TimeCutoff = "2015-01-01"): Pipeline 'stratified-cutoff' has an invalid time-aware evaluation: a time cut-off or a backtest needs Split = SplitStrategy.Time (or Auto on a time-stamped dataset), not Stratified """,
            """PDSL214 Error @Pipeline("everything", typeof(M), Split = SplitStrategy.Random, TimeCutoff = "2015-02-30", BacktestFolds = 1): Pipeline 'everything' has an invalid time-aware evaluation: TimeCutoff '2015-02-30' is not an ISO 8601 date such as "2015-01-01"; BacktestFolds must be 0 (none) or between 2 and 52, not 1; a time cut-off or a backtest needs Split = SplitStrategy.Time (or Auto on a time-stamped dataset), not Random """);

        // None of the invalid pipelines is emitted, so there is no registry either; the rest compiles.
        Assert.DoesNotContain(run.HintNames, h => h.EndsWith(".Pipeline.g.cs", StringComparison.Ordinal));
        Assert.DoesNotContain("PipelineDsl.Generated.GeneratedPipelines.g.cs", run.HintNames);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void PDSL214_valid_time_evaluations_produce_no_diagnostic()
    {
        var source = Usings + Trip + """
            [FeatureSet(typeof(Trip))]
            public static partial class Features
            {
                [Feature] public static float Fare(Trip t) => t.Fare;
            }
            """ + Model + """
            [Gate(typeof(M))]
            [MinMetric(Metric.Auc, 0.8)]
            [MinMetric(Metric.Auc, 0.75, WorstFold = true)]
            [MaxMetric(Metric.LogLoss, 0.5, WorstFold = true)]
            public sealed partial class G;

            [Pipeline("time", typeof(M), Split = SplitStrategy.Time, TimeCutoff = "2015-01-01", BacktestFolds = 4)]
            public static partial class TimePipeline;

            [Pipeline("auto", typeof(M), TimeCutoff = "2015-01-01T06:30:00", BacktestFolds = 2)]
            public static partial class AutoPipeline;

            [Pipeline("spaced", typeof(M), Split = SplitStrategy.Time, TimeCutoff = "2015-01-01 06:30:00", BacktestFolds = 52)]
            public static partial class SpacedPipeline;
            """;
        var noBacktest = Usings + Trip + """
            [FeatureSet(typeof(Trip))]
            public static partial class Features
            {
                [Feature] public static float Fare(Trip t) => t.Fare;
            }
            """ + Model + """
            [Pipeline("random", typeof(M), Split = SplitStrategy.Random, BacktestFolds = 0)]
            public static partial class RandomPipeline;
            """;

        var run = AssertDiagnostics(source);
        var noBacktestRun = AssertDiagnostics(noBacktest);

        Assert.Equal(3, run.HintNames.Count(h => h.EndsWith(".Pipeline.g.cs", StringComparison.Ordinal)));
        Assert.Contains("T.RandomPipeline.Pipeline.g.cs", noBacktestRun.HintNames);
        Assert.Empty(run.CompilationErrors);
        Assert.Empty(noBacktestRun.CompilationErrors);
    }

    [Fact]
    public void PDSL214_time_evaluation_over_a_dataset_without_timestamp()
    {
        var source = Usings + """
            [Dataset("d")]
            public sealed partial record Row
            {
                public float X { get; init; }
                [Label] public bool Y { get; init; }
            }

            [FeatureSet(typeof(Row))]
            public static partial class Features
            {
                [Feature] public static float X(Row r) => r.X;
            }
            """ + Model + """
            [Pipeline("p", typeof(M), Split = SplitStrategy.Time, TimeCutoff = "2015-01-01", BacktestFolds = 4)]
            public static partial class P;
            """;

        var run = Run(source);

        Assert.Contains(run.Diagnostics, d => d.StartsWith("PDSL214 ", StringComparison.Ordinal));
    }

    // ------------------------------------------------------------------ PDSL206 / PDSL207 with label-less datasets

    [Fact]
    public void PDSL206_a_label_less_dataset_alone_is_valid_and_emitted()
    {
        var source = Usings + Weather;

        var run = AssertDiagnostics(source);

        Assert.Equal(["T.Weather.Dataset.g.cs"], run.HintNames);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void PDSL207_a_model_over_a_label_less_dataset_needs_a_label()
    {
        var source = Usings + Weather + """
            [FeatureSet(typeof(Weather))]
            public static partial class Features
            {
                [Feature] public static float Rain(Weather w) => w.Rain;
            }

            [Model(typeof(Features), Task = MlTask.Regression)]
            public sealed partial class M { }

            [Pipeline("p", typeof(M), Split = SplitStrategy.Time)]
            public static partial class P;
            """;

        var run = AssertDiagnostics(
            source,
            "PDSL207 Error @M: Model 'M' has task Regression, but the label '(none)' of its dataset has type 'none'; Regression needs a [Label] member");

        Assert.DoesNotContain("T.P.Pipeline.g.cs", run.HintNames);
        Assert.Contains("T.Features.FeatureSet.g.cs", run.HintNames);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void PDSL207_binary_classification_over_a_label_less_dataset_needs_a_label()
    {
        var source = Usings + Weather + """
            [FeatureSet(typeof(Weather))]
            public static partial class Features
            {
                [Feature] public static float Rain(Weather w) => w.Rain;
            }
            """ + Model;

        AssertDiagnostics(
            source,
            "PDSL207 Error @M: Model 'M' has task BinaryClassification, but the label '(none)' of its dataset has type 'none'; BinaryClassification needs a [Label] member");
    }

    [Fact]
    public void Temporal_diagnostics_carry_help_links()
    {
        var diagnostics = GeneratorTestHelper.GeneratorDiagnostics(Usings + Trip + """
            [FeatureSet(typeof(Trip))]
            [Window("W", nameof(Trip.Fare), Aggregate.Sum, "7x")]
            [AsOfJoin(typeof(Trip))]
            public static partial class Features
            {
                [Feature] public static float Fare(Trip t) => t.Fare;
            }

            [Model(typeof(Features))]
            public sealed partial class M;
            [Pipeline("p", typeof(M), BacktestFolds = 1)]
            public static partial class P;
            """);

        Assert.Equal(["PDSL212", "PDSL213", "PDSL214"], diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("PipelineDsl.Pipeline", d.Descriptor.Category);
            Assert.Equal($"https://github.com/pipelinedsl/pipelinedsl/blob/main/docs/diagnostics/{d.Id}.md", d.Descriptor.HelpLinkUri);
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        });
    }

    // ------------------------------------------------------------------ helpers

    private sealed record RunResult(string[] Diagnostics, string[] HintNames, Diagnostic[] CompilationErrors);

    /// <summary>Asserts the complete list of generator diagnostics (in source order) and returns the run.</summary>
    private static RunResult AssertDiagnostics(string source, params string[] expected)
    {
        var run = Run(source);
        Assert.Equal(expected.Select(e => e.TrimEnd()), run.Diagnostics);
        return run;
    }

    /// <summary>
    /// The generator must not throw: a clash is either reported (an error diagnostic from the generator) or handled, and
    /// the declarations that do not depend on it are still emitted.
    /// </summary>
    private static void AssertNoGeneratorCrash(string source)
    {
        var result = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source)).Driver.GetRunResult();

        Assert.Null(result.Results[0].Exception);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "CS8785");
        Assert.Contains(result.Results[0].GeneratedSources, s => s.HintName == "T.Trip.Dataset.g.cs");
        Assert.Contains(result.Results[0].GeneratedSources, s => s.HintName == "T.M.Model.g.cs");
        Assert.Contains(result.Diagnostics, d => d.Id == "PDSL213" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("datasets of one pipeline need distinct names", StringComparison.Ordinal));
    }

    private static RunResult Run(string source)
    {
        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));
        var result = driver.GetRunResult();
        var diagnostics = result.Diagnostics
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => $"{d.Id} {d.Severity} @{Located(source, d)}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToArray();
        var hintNames = result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName).Order(StringComparer.Ordinal).ToArray();
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        return new RunResult(diagnostics, hintNames, errors);
    }

    /// <summary>
    /// The source text the diagnostic points at. Diagnostics found after the join (PDSL207, PDSL212/213 on members,
    /// keys and timestamps) carry a re-created location without a syntax tree: it must still name Input.cs and the
    /// same span.
    /// </summary>
    private static string Located(string source, Diagnostic d)
    {
        if (d.Location.SourceTree is { } tree)
        {
            return tree.GetText().ToString(d.Location.SourceSpan);
        }

        Assert.Equal("Input.cs", d.Location.GetLineSpan().Path);
        var text = source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);
        var line = d.Location.GetLineSpan().StartLinePosition.Line;
        Assert.Equal(source.Take(d.Location.SourceSpan.Start).Count(c => c == '\n'), line);
        return text;
    }
}
