using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.StoreBenchmarks;

/// <summary>One way of logging 10,000 metric values: <see cref="Calls"/> calls of <see cref="KeysPerCall"/> keys.</summary>
internal sealed record MetricShape(string Name, int Calls, int KeysPerCall)
{
    public int Total => Calls * KeysPerCall;
}

internal sealed record MetricsResult(MetricShape Shape, Timing Write, Timing Read, string TableSql);

/// <summary>
/// <see cref="PipelineStore.LogMetrics"/> into a fresh store per run (opened and its run created before the clock
/// starts), then <see cref="PipelineStore.GetRun"/> to read them back.
/// </summary>
internal static class MetricsBenchmark
{
    public static readonly MetricShape[] Shapes =
    [
        new("1 call x 10,000 keys (step 0)", 1, 10_000),
        new("100 calls x 100 keys (steps 0..99, a training loop logging per epoch)", 100, 100),
        new("10,000 calls x 1 key (steps 0..9,999, one call per value)", 10_000, 1),
    ];

    public static MetricsResult Run(MetricShape shape, int runs)
    {
        // The batches are built once, outside the clock: the caller of LogMetrics already has its values.
        var batches = Enumerable.Range(0, shape.Calls)
            .Select(call => Enumerable.Range(0, shape.KeysPerCall)
                .Select(k => new KeyValuePair<string, double>($"metric_{k:D5}", (call * 0.001) + (k * 1e-6)))
                .ToArray())
            .ToArray();

        var all = new List<double[]>();
        var tableSql = "";
        for (var r = 0; r <= runs; r++)
        {
            using var folder = new TempFolder("metrics");
            using var store = new PipelineStore(folder.Path);
            var runId = store.CreateRun("bench");

            var clock = Stopwatch.StartNew();
            for (var step = 0; step < batches.Length; step++)
            {
                store.LogMetrics(runId, batches[step], step);
            }

            var write = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var metrics = store.GetRun(runId)!.Metrics;
            var read = clock.Elapsed.TotalMilliseconds;
            if (metrics.Count != shape.Total)
            {
                throw new InvalidOperationException($"{shape.Name}: read back {metrics.Count} metrics, expected {shape.Total}.");
            }

            all.Add([write, read]);
            tableSql = TableSql(store.DatabasePath);
        }

        var columns = Timing.Columns(all);
        return new MetricsResult(shape, columns[0], columns[1], tableSql);
    }

    /// <summary>The <c>run_metrics</c> definition the store under test created (its primary key decides how inserts spread).</summary>
    private static string TableSql(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'run_metrics'";
        return command.ExecuteScalar() as string ?? "?";
    }
}
