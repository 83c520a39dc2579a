using System.Globalization;
using System.Text;
using PipelineDsl.StoreBenchmarks;

// Usage: PipelineDsl.StoreBenchmarks RESULTS_FILE [RUNS] [CHURN_DLL]
//   RUNS: timed runs per figure (median reported), after one warm-up; default 5.
//   CHURN_DLL: samples/ChurnPrediction built in Release (run.sh builds it); default found from the repository root.
var resultsFile = Path.GetFullPath(args.Length > 0 ? args[0] : "results/store-benchmark.md");
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var churnDll = Path.GetFullPath(args.Length > 2 ? args[2] : DefaultChurnDll());
if (runs < 1)
{
    Console.Error.WriteLine("RUNS must be at least 1");
    return 64;
}

if (!File.Exists(churnDll))
{
    Console.Error.WriteLine($"{churnDll} not found: build it first (dotnet build samples/ChurnPrediction -c Release), or use run.sh.");
    return 66;
}

const double MetricsGoalMs = 100;
const double NodeGoalMs = 1;
const double CachedRunGoalMs = 1000;
var machine = MachineInfo.Describe();
Console.WriteLine($"Machine: {machine}");

try
{
    // 1. Metrics.
    var metrics = new List<MetricsResult>();
    foreach (var shape in MetricsBenchmark.Shapes)
    {
        var result = MetricsBenchmark.Run(shape, runs);
        metrics.Add(result);
        Console.WriteLine($"metrics, {shape.Name}: write {Timing.Ms(result.Write.Median)} ms, read {Timing.Ms(result.Read.Median)} ms");
    }

    // 2. DAG overhead.
    var dags = new List<DagResult>();
    foreach (var (name, graph) in DagBenchmark.Graphs())
    {
        foreach (var withStore in new[] { false, true })
        {
            var result = await DagBenchmark.RunAsync(name, graph, withStore, runs);
            dags.Add(result);
            Console.WriteLine($"dag, {name}{(withStore ? " + store" : "")}: {Timing.Ms(result.Total.Median)} ms ({Timing.Ms(result.Total.Median / result.Nodes)} ms per node)");
        }
    }

    // 3. The churn sample, full run and cached re-run, as processes.
    Console.WriteLine($"churn: {churnDll}");
    var churn = ChurnBenchmark.Run(churnDll, runs);

    var report = Report(machine, runs, churnDll, metrics, dags, churn);
    Directory.CreateDirectory(Path.GetDirectoryName(resultsFile)!);
    File.WriteAllText(resultsFile, report);
    Console.WriteLine();
    Console.WriteLine(report);
    return 0;
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine("benchmark failed: " + ex.Message);
    return 1;
}

string Report(string machine, int runs, string churnDll, List<MetricsResult> metrics, List<DagResult> dags, ChurnResult churn)
{
    var inv = CultureInfo.InvariantCulture;
    var sb = new StringBuilder();
    sb.AppendLine("# Tracking store, DAG executor and step cache: overhead");
    sb.AppendLine();
    sb.AppendLine(inv, $"Machine: {machine}");
    sb.AppendLine(inv, $"Every figure is the median of {runs} runs after one warm-up (Stopwatch, Release build); \"first\" is the warm-up, JIT included, which is what a one-shot CLI process pays. On a machine shared with other work (see the load average) the process timings in section 3 move most. Produced by `tests/PipelineDsl.StoreBenchmarks/run.sh` on {DateTime.UtcNow:yyyy-MM-dd}.");
    sb.AppendLine();

    // Goals first.
    var oneCall = metrics[0];
    var perEpoch = metrics[1];
    var worstDag = dags.MaxBy(d => d.Total.Median / d.Nodes)!;
    sb.AppendLine("## Goals");
    sb.AppendLine();
    sb.AppendLine("| goal | measured (median) | met |");
    sb.AppendLine("|---|---:|---|");
    sb.AppendLine(inv, $"| 10,000 metrics logged in under {MetricsGoalMs:0} ms: one call of 10,000 keys | {Timing.Ms(oneCall.Write.Median)} ms | {Verdict(oneCall.Write.Median, MetricsGoalMs)} |");
    sb.AppendLine(inv, $"| 10,000 metrics logged in under {MetricsGoalMs:0} ms: 100 calls of 100 keys | {Timing.Ms(perEpoch.Write.Median)} ms | {Verdict(perEpoch.Write.Median, MetricsGoalMs)} |");
    sb.AppendLine(inv, $"| a no-op DAG node costs under {NodeGoalMs:0} ms (worst graph: {worstDag.Graph}{(worstDag.WithStore ? ", store observer" : "")}) | {Timing.Ms(worstDag.Total.Median / worstDag.Nodes)} ms per node | {Verdict(worstDag.Total.Median / worstDag.Nodes, NodeGoalMs)} |");
    sb.AppendLine(inv, $"| a cached re-run of the churn pipeline takes under {CachedRunGoalMs / 1000:0} s (process start included) | {Timing.Ms(churn.Cached.Median)} ms | {Verdict(churn.Cached.Median, CachedRunGoalMs)} |");
    sb.AppendLine();

    // 1. Metrics.
    sb.AppendLine("## 1. Logging 10,000 metrics");
    sb.AppendLine();
    sb.AppendLine("| shape | transactions | write (ms) | write min–max (ms) | per value (µs) | first write (ms) | read back, `GetRun(id).Metrics` (ms) | read min–max (ms) |");
    sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var m in metrics)
    {
        sb.AppendLine(inv, $"| {m.Shape.Name} | {m.Shape.Calls:N0} | {Timing.Ms(m.Write.Median)} | {m.Write.Range} | {m.Write.Median * 1000 / m.Shape.Total:0.0} | {Timing.Ms(m.Write.First)} | {Timing.Ms(m.Read.Median)} | {m.Read.Range} |");
    }

    sb.AppendLine();
    sb.AppendLine("What is measured: `PipelineStore.LogMetrics(runId, batch, step)` writing 10,000 metric values of one run, in the three shapes above, " +
                  "into a fresh store folder per run (the store is opened, its schema created and the run row inserted before the clock starts; the " +
                  "`KeyValuePair` batches are built beforehand). Each call is one `BEGIN IMMEDIATE` transaction with one prepared `INSERT OR REPLACE` per value " +
                  "(WAL, `synchronous = NORMAL`, so a commit does not fsync). \"Read back\" is `GetRun(runId)` over the same store, which also reads the run's " +
                  "params, gates and nodes, and materializes the 10,000 `MetricRecord`s ordered by key and step; the count is checked. " +
                  $"The store under test created `{string.Join(' ', metrics[0].TableSql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries))}`. " +
                  "The primary key's column order decides how the per-epoch shape writes: keyed by (run_id, key, step), every call inserts into leaf pages all over " +
                  "the index, so each commit rewrites most of it into the WAL and the WAL's automatic checkpoints (which do fsync) come often; keyed by " +
                  "(run_id, step, key), each call appends to the end. " +
                  "The third shape is not part of the goal: it shows what per-call transactions cost when a caller logs one value per call.");
    sb.AppendLine();

    // 2. DAG.
    sb.AppendLine("## 2. Overhead of a 100-node no-op DAG");
    sb.AppendLine();
    sb.AppendLine("| graph | edges | observer | total (ms) | min–max (ms) | per node (ms) | first (ms) | store write per node (ms) |");
    sb.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|");
    foreach (var d in dags)
    {
        var bare = dags.First(x => x.Graph == d.Graph && !x.WithStore);
        var storeCost = d.WithStore ? Timing.Ms((d.Total.Median - bare.Total.Median) / d.Nodes) : "";
        sb.AppendLine(inv, $"| {d.Graph} | {d.Edges} | {(d.WithStore ? "`RecordNode` per node" : "none")} | {Timing.Ms(d.Total.Median)} | {d.Total.Range} | {Timing.Ms(d.Total.Median / d.Nodes)} | {Timing.Ms(d.Total.First)} | {storeCost} |");
    }

    sb.AppendLine();
    sb.AppendLine("What is measured: `new DagExecutor(graph, actions, observer).RunAsync()` over 100 nodes whose actions return `Task.FromResult(\"\")`, " +
                  "default parallelism (unbounded) and no node timeout: a chain (each node after the previous one), 10 layers of 10 (each node after 2 or 3 " +
                  "nodes of the layer before), and 100 nodes without edges. The graph is built once, outside the clock (the generator emits it once per process). " +
                  "With \"`RecordNode` per node\" the observer writes each completed node to a fresh store's `run_nodes` (one autocommit `INSERT OR REPLACE`), as " +
                  "the runner's internal `StoreRecordingObserver` does; the store is opened and the run created before the clock starts, and the 100 rows are " +
                  "checked afterwards. \"Store write per node\" is the difference between the two medians, divided by 100. " +
                  "Each node goes through `Task.Run` on the thread pool, a linked `CancellationTokenSource` and a `Task.WhenAny` over the running set.");
    sb.AppendLine();

    // 3. Churn.
    sb.AppendLine("## 3. The churn pipeline: full run, cached re-run, process start-up");
    sb.AppendLine();
    sb.AppendLine("| command (`dotnet ChurnPrediction.dll ...`) | wall time (ms) | min–max (ms) | first (ms) |");
    sb.AppendLine("|---|---:|---:|---:|");
    sb.AppendLine(inv, $"| `--help` (host start-up, CLI parse; no store, no pipeline) | {Timing.Ms(churn.Help.Median)} | {churn.Help.Range} | {Timing.Ms(churn.Help.First)} |");
    sb.AppendLine(inv, $"| `plan --store DIR` (prints the DAG; no run) | {Timing.Ms(churn.Plan.Median)} | {churn.Plan.Range} | {Timing.Ms(churn.Plan.First)} |");
    sb.AppendLine(inv, $"| `run --store DIR`, fresh store: full run (trains LightGBM, registers v1) | {Timing.Ms(churn.Full.Median)} | {churn.Full.Range} | {Timing.Ms(churn.Full.First)} |");
    sb.AppendLine(inv, $"| `run --store DIR` again: every node cached | **{Timing.Ms(churn.Cached.Median)}** | {churn.Cached.Range} | {Timing.Ms(churn.Cached.First)} |");
    sb.AppendLine(inv, $"| of which in the pipeline, full run (run row created → finished) | {Timing.Ms(churn.FullInProcess.Median)} | {churn.FullInProcess.Range} | {Timing.Ms(churn.FullInProcess.First)} |");
    sb.AppendLine(inv, $"| of which in the pipeline, cached re-run (run row created → finished) | {Timing.Ms(churn.CachedInProcess.Median)} | {churn.CachedInProcess.Range} | {Timing.Ms(churn.CachedInProcess.First)} |");
    sb.AppendLine();
    sb.Append(inv, $"What is measured: the sample as a user runs it, each command a separate `dotnet {Path.GetFileName(churnDll)}` process (framework-dependent, ")
      .Append("JIT with tiered compilation, no ReadyToRun for the app's own assemblies), wall time from `Process.Start` to exit with its output read through pipes ")
      .Append("(so the console is not interactive and no progress bars are drawn). Each of the runs uses a fresh store folder: a full run, then the same ")
      .Append(inv, $"command again, which must print \"{ChurnBenchmark.UpToDate}\" (checked: the benchmark fails otherwise; {churn.Nodes} nodes recorded), then ")
      .Append("`plan` on that store; `--help` is timed before them. The \"in the pipeline\" rows come from the run rows the processes wrote ")
      .Append("(`started_utc` at `CreateRun`, `finished_utc` at `FinishRun`): hashing the source, the cache look-ups, restoring the cached outputs and ")
      .Append("the store writes, without host start-up, JIT before the run, opening the store or printing the report. ")
      .AppendLine(inv, $"Cached re-run output: `{churn.CachedLine}`.");
    return sb.ToString();
}

static string Verdict(double measured, double goal) =>
    measured < goal
        ? FormattableString.Invariant($"yes ({goal / measured:0.#}x under)")
        : FormattableString.Invariant($"**no**: {Timing.Ms(measured - goal)} ms over ({((measured / goal) - 1) * 100:0} %)");

static string DefaultChurnDll()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "PipelineDsl.sln")))
        {
            return Path.Combine(dir.FullName, "samples", "ChurnPrediction", "bin", "Release", "net10.0", "ChurnPrediction.dll");
        }
    }

    return "ChurnPrediction.dll";
}
