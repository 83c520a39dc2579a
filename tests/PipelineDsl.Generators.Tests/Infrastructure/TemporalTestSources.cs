namespace PipelineDsl.Generators.Tests.Infrastructure;

/// <summary>
/// A point-in-time DSL input, one file per declaration: trips (the entity rows, keyed by rider), weather (joined on time
/// alone, within a day) and accounts (joined by rider, a day late), windows of every aggregate, a model, gates with a
/// worst-fold rule and a pipeline with a time cut-off and a backtest.
/// </summary>
internal static class TemporalTestSources
{
    public const string Trip = """
        using System;
        using PipelineDsl;

        namespace Rides;

        /// <summary>One trip of a rider; the label is whether the rider churned afterwards.</summary>
        [Dataset("trips", Source = "data/trips.csv", Timestamp = nameof(When))]
        public sealed partial record Trip
        {
            [Key] public string Rider { get; init; } = "";
            public DateTime When { get; init; }
            public float Fare { get; init; }
            public double? Tip { get; init; }
            public string Zone { get; init; } = "";
            [Label] public bool Churned { get; init; }
        }
        """;

    public const string Weather = """
        using System;
        using PipelineDsl;

        namespace Rides;

        /// <summary>The city's weather: no key (joined on time alone) and no label (only joined).</summary>
        [Dataset("weather", Source = "data/weather.csv", Timestamp = nameof(Day))]
        public sealed partial record Weather
        {
            public DateTime Day { get; init; }
            [Range(0, 100)] public float Rain { get; init; }
        }
        """;

    public const string Account = """
        using System;
        using PipelineDsl;

        namespace Rides;

        /// <summary>A rider's account balance, keyed like the trips; no label.</summary>
        [Dataset("accounts", Source = "data/accounts.csv", Timestamp = nameof(Updated))]
        public sealed partial record Account
        {
            [Key] public string Rider { get; init; } = "";
            public DateTime Updated { get; init; }
            public float Balance { get; init; }
        }
        """;

    public const string TripFeatures = """
        using PipelineDsl;

        namespace Rides;

        [FeatureSet(typeof(Trip))]
        [Window("FareSum3d", nameof(Trip.Fare), Aggregate.Sum, "3d")]
        [Window("FareMean3d", nameof(Trip.Fare), Aggregate.Mean, "3d")]
        [Window("Trips3d", nameof(Trip.Fare), Aggregate.Count, "3d")]
        [Window("FareMin7d", nameof(Trip.Fare), Aggregate.Min, "7d")]
        [Window("FareMax7d", nameof(Trip.Fare), Aggregate.Max, "7d")]
        [Window("FareLast7d", nameof(Trip.Fare), Aggregate.Last, "7d")]
        [Window("Zones7d", nameof(Trip.Zone), Aggregate.DistinctCount, "7d")]
        [Window("FareMeanLast2", nameof(Trip.Fare), Aggregate.Mean, "2 events")]
        [Window("FareSameDayLastWeek", nameof(Trip.Fare), Aggregate.Last, "1d", Lag = "6d")]
        [Window("TipMean7d", nameof(Trip.Tip), Aggregate.Mean, "7d")]
        [AsOfJoin(typeof(Weather), Tolerance = "1d")]
        [AsOfJoin(typeof(Account), Lag = "1d")]
        public static partial class TripFeatures
        {
            [Feature] public static float Fare(Trip trip) => trip.Fare;

            [Feature] public static float Rain(Trip trip, Weather? weather) => weather?.Rain ?? float.NaN;

            [Feature] public static float Balance(Trip trip, Account? account) => account?.Balance ?? float.NaN;

            // Parameters in another order than the joins are declared.
            [Feature(Name = "both_known")] public static bool BothKnown(Trip trip, Account? account, Weather? weather) => account is not null && weather is not null;
        }
        """;

    public const string TripModel = """
        using PipelineDsl;

        namespace Rides;

        [Model(typeof(TripFeatures), Task = MlTask.BinaryClassification, Trainer = Trainer.LightGbm)]
        public sealed partial class TripModel
        {
            [Hyperparameter] public int Leaves { get; init; } = 15;
        }
        """;

    public const string TripGates = """
        using PipelineDsl;

        namespace Rides;

        [Gate(typeof(TripModel))]
        [MinMetric(Metric.Auc, 0.8)]
        [MinMetric(Metric.Auc, 0.7, WorstFold = true)]
        [MaxMetric(Metric.LogLoss, 0.6, WorstFold = true)]
        public sealed partial class TripGates;
        """;

    public const string TripPipeline = """
        using PipelineDsl;

        namespace Rides;

        [Pipeline("trips", typeof(TripModel), Split = SplitStrategy.Time, TimeCutoff = "2024-01-06", BacktestFolds = 3, Seed = 11)]
        public static partial class TripPipeline;
        """;

    /// <summary>Calls the generated API with spans (which reflection cannot pass).</summary>
    public const string Harness = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using PipelineDsl.Runtime.Temporal;

        namespace Rides;

        public static class Harness
        {
            /// <summary>The offline path: the static batch function (column-major).</summary>
            public static float[] Batch(Trip[] rows, Weather[] weather, Account[] accounts)
            {
                var destination = new float[TripFeatures.FeatureCount * rows.Length];
                TripFeatures.ComputeBatch(rows, weather, accounts, destination);
                return destination;
            }

            /// <summary>The offline path through a state, with the join reports.</summary>
            public static JoinReport[] BatchReports(Trip[] rows, Weather[] weather, Account[] accounts)
            {
                var state = new TripFeatures.State(weather, accounts);
                state.ComputeBatch(rows, new float[TripFeatures.FeatureCount * rows.Length]);
                return state.JoinReports.ToArray();
            }

            /// <summary>
            /// The serving path: rows in time order (ties in input order), each computed from the state and then observed;
            /// joined rows are observed as they arrive (every joined row at or before the row's time, first). When
            /// <paramref name="snapshotAt"/> is reached, the windows are saved and restored into a fresh state. Column-major.
            /// </summary>
            public static float[] Online(Trip[] rows, Weather[] weather, Account[] accounts, int snapshotAt)
            {
                var n = rows.Length;
                var state = new TripFeatures.State(ReadOnlySpan<Weather>.Empty, ReadOnlySpan<Account>.Empty);
                var seenWeather = new List<Weather>();
                var seenAccounts = new List<Account>();
                var order = Enumerable.Range(0, n).OrderBy(i => rows[i].When).ToArray();
                var w = weather.OrderBy(x => x.Day).ToArray();
                var a = accounts.OrderBy(x => x.Updated).ToArray();
                int wi = 0, ai = 0;
                var result = new float[TripFeatures.FeatureCount * n];
                var row = new float[TripFeatures.FeatureCount];
                for (var k = 0; k < n; k++)
                {
                    if (k == snapshotAt)
                    {
                        using var stream = new MemoryStream();
                        state.SaveWindows(stream);
                        stream.Position = 0;
                        state = new TripFeatures.State(seenWeather.ToArray(), seenAccounts.ToArray());
                        state.LoadWindows(stream);
                    }

                    var i = order[k];
                    while (wi < w.Length && w[wi].Day <= rows[i].When)
                    {
                        seenWeather.Add(w[wi]);
                        state.Observe(w[wi++]);
                    }

                    while (ai < a.Length && a[ai].Updated <= rows[i].When)
                    {
                        seenAccounts.Add(a[ai]);
                        state.Observe(a[ai++]);
                    }

                    state.Compute(rows[i], row);
                    state.Observe(rows[i]);
                    for (var j = 0; j < row.Length; j++)
                    {
                        result[(j * n) + i] = row[j];
                    }
                }

                return result;
            }

            /// <summary>The serving path through the definition's state factory (joined rows given up front). Column-major.</summary>
            public static float[] ViaDefinition(Trip[] rows, Weather[] weather, Account[] accounts)
            {
                var n = rows.Length;
                IFeatureState<Trip> state = TripFeatures.Definition.CreateState(new Array[] { weather, accounts });
                var result = new float[TripFeatures.FeatureCount * n];
                var row = new float[TripFeatures.FeatureCount];
                foreach (var i in Enumerable.Range(0, n).OrderBy(i => rows[i].When))
                {
                    state.Compute(rows[i], row);
                    state.Observe(rows[i]);
                    for (var j = 0; j < row.Length; j++)
                    {
                        result[(j * n) + i] = row[j];
                    }
                }

                return result;
            }

            /// <summary>Training, then serving: a state that replayed the rows answers a later row.</summary>
            public static float[] ServeAfterBatch(Trip[] rows, Weather[] weather, Account[] accounts, Trip next)
            {
                var state = new TripFeatures.State(weather, accounts);
                state.ComputeBatch(rows, new float[TripFeatures.FeatureCount * rows.Length]);
                var destination = new float[TripFeatures.FeatureCount];
                state.Compute(next, destination);
                return destination;
            }

            /// <summary>What the definition's row function does for a point-in-time set (it must refuse).</summary>
            public static Exception? DefinitionComputeRow(Trip row)
            {
                try
                {
                    TripFeatures.Definition.ComputeRow(row, new float[TripFeatures.FeatureCount]);
                    return null;
                }
                catch (Exception ex)
                {
                    return ex;
                }
            }

            /// <summary>ComputeRow with given joined rows and window values.</summary>
            public static float[] Row(Trip row, Weather? weather, Account? account, double[] windows)
            {
                var destination = new float[TripFeatures.FeatureCount];
                TripFeatures.ComputeRow(row, weather, account, windows, destination);
                return destination;
            }
        }
        """;

    public static (string Path, string Source)[] All =>
    [
        ("Trip.cs", Trip),
        ("Weather.cs", Weather),
        ("Account.cs", Account),
        ("TripFeatures.cs", TripFeatures),
        ("TripModel.cs", TripModel),
        ("TripGates.cs", TripGates),
        ("TripPipeline.cs", TripPipeline),
    ];
}
