using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PipelineDsl.TemporalBenchmarks;

// Usage: PipelineDsl.TemporalBenchmarks DATA_DIR RESULTS_FILE [RUNS] [--compare PANDAS_FEATURES_CSV]
//   DATA_DIR holds events.csv and rates.csv from peer/generate_events.py (run.sh makes them);
//   RESULTS_FILE gets a Markdown report; the pandas peer runs on the same files in the same run.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: PipelineDsl.TemporalBenchmarks DATA_DIR RESULTS_FILE [RUNS]");
    return 64;
}

var dataDir = Path.GetFullPath(args[0]);
var resultsFile = Path.GetFullPath(args[1]);
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var compareWith = args.Length > 4 && args[3] == "--compare" ? args[4] : null;
var peerScript = Path.Combine(AppContext.BaseDirectory, "peer", "pandas_peer.py");

// 1. Load with the generated, culture-invariant readers (reported separately: pandas' read_csv is C code).
var load = Stopwatch.StartNew();
var events = EventDataset.Instance.ReadCsv(Path.Combine(dataDir, "events.csv"));
var rates = EntityRateDataset.Instance.ReadCsv(Path.Combine(dataDir, "rates.csv"));
load.Stop();
if (!events.Errors.IsEmpty || !rates.Errors.IsEmpty)
{
    Console.Error.WriteLine(events.Errors.Format() + rates.Errors.Format());
    return 1;
}

var n = events.Rows.Length;
var entities = events.Rows.Select(e => e.Entity).Distinct().Count();
Console.WriteLine($"{n} events, {entities} entities, {rates.Rows.Length} rates; load {load.Elapsed.TotalSeconds:0.000} s");

// 2. Compute: the generated batch path (window replay + as-of join + feature methods), timed over several runs.
var matrix = new float[EventFeatures.FeatureCount * n];
EventFeatures.ComputeBatch(events.Rows.AsSpan(0, Math.Min(n, 10_000)), rates.Rows, matrix); // warm-up (JIT)
var times = new List<double>();
for (var r = 0; r < runs; r++)
{
    var sw = Stopwatch.StartNew();
    EventFeatures.ComputeBatch(events.Rows, rates.Rows, matrix);
    sw.Stop();
    times.Add(sw.Elapsed.TotalSeconds);
    Console.WriteLine($"run {r + 1}: compute {sw.Elapsed.TotalSeconds:0.000} s");
}

times.Sort();
var median = times[times.Count / 2];
var best = times[0];

var checksums = EventFeatures.FeatureNames
    .Select((name, j) => (name, sum: matrix.AsSpan(j * n, n).ToArray().Where(v => !float.IsNaN(v)).Sum(v => (double)v)))
    .ToDictionary(x => x.name, x => x.sum);

// Optional: row-by-row agreement with the peer's own output (pandas_peer.py DATA_DIR OUT.csv, same row order).
string? agreement = null;
if (compareWith is not null)
{
    var lines = File.ReadAllLines(compareWith);
    var header = lines[0].Split(',');
    var worst = 0d;
    var worstAt = "";
    var compared = 0L;
    var nanMismatches = 0;
    for (var i = 0; i < n; i++)
    {
        var cells = lines[i + 1].Split(',');
        for (var c = 2; c < header.Length; c++)
        {
            var j = EventFeatures.FeatureNames.ToList().IndexOf(header[c]);
            var theirs = cells[c].Length == 0 ? double.NaN : double.Parse(cells[c], CultureInfo.InvariantCulture);
            var ours = (double)matrix[(j * n) + i];
            if (double.IsNaN(theirs) != double.IsNaN(ours))
            {
                nanMismatches++;
                continue;
            }

            if (double.IsNaN(theirs))
            {
                continue;
            }

            var diff = Math.Abs(ours - theirs) / Math.Max(1d, Math.Abs(theirs));
            compared++;
            if (diff > worst)
            {
                worst = diff;
                worstAt = $"row {i + 1} {header[c]}: ours {ours:R}, pandas {theirs:R}";
            }
        }
    }

    agreement = $"Row-by-row against pandas' own output ({compared:N0} values): largest relative difference {worst:0.0e+0} ({worstAt}), {nanMismatches} missing-value mismatches.";
    Console.WriteLine(agreement);
}

// 3. The peer, same files, same machine, same run.
JsonElement? peer = null;
if (File.Exists(peerScript))
{
    // Debian's python3-pandas lives under /usr/bin/python3, which a pyenv shim on PATH may hide.
    var python = Environment.GetEnvironmentVariable("PDSL_PYTHON") ?? (File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
    var info = new ProcessStartInfo(python, $"\"{peerScript}\" \"{dataDir}\"") { RedirectStandardOutput = true, RedirectStandardError = true };
    using var process = Process.Start(info)!;
    var stdout = process.StandardOutput.ReadToEnd();
    var stderr = process.StandardError.ReadToEnd();
    process.WaitForExit();
    var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.TrimStart().StartsWith('{'));
    if (process.ExitCode == 0 && line is not null)
    {
        peer = JsonDocument.Parse(line).RootElement.Clone();
    }
    else
    {
        Console.Error.WriteLine($"pandas peer failed ({process.ExitCode}): {stderr}");
    }
}

// 4. Report.
var report = new StringBuilder();
report.AppendLine("# Point-in-time features: PipelineDsl vs pandas");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Data: {n:N0} events over {entities:N0} entities, {rates.Rows.Length:N0} rate rows (peer/generate_events.py, seed 42), from `{dataDir}`.");
report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} logical cores available to .NET (entities are replayed in parallel; DOTNET_PROCESSOR_COUNT limits it), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}.");
report.AppendLine("Features: count/sum 1d, mean/min/max 7d, mean/sum/count 30d, previous value, distinct categories 30d (all strictly before the event's time), plus the entity's rate as of the event (as-of join).");
report.AppendLine();
report.AppendLine("| | load (s) | compute (s) | total (s) |");
report.AppendLine("|---|---:|---:|---:|");
report.AppendLine(CultureInfo.InvariantCulture, $"| PipelineDsl (generated `ComputeBatch`, median of {runs}) | {load.Elapsed.TotalSeconds:0.000} | {median:0.000} | {load.Elapsed.TotalSeconds + median:0.000} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| PipelineDsl (best of {runs}) | | {best:0.000} | |");
if (peer is { } p)
{
    var peerLoad = p.GetProperty("load_s").GetDouble();
    var peerCompute = p.GetProperty("compute_s").GetDouble();
    var version = p.TryGetProperty("pandas", out var v) ? v.GetString() : "?";
    report.AppendLine(CultureInfo.InvariantCulture, $"| pandas {version} (`groupby().rolling(closed='left')` + `merge_asof`) | {peerLoad:0.000} | {peerCompute:0.000} | {peerLoad + peerCompute:0.000} |");
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"Compute speed-up over pandas: **{peerCompute / median:0.0}x** (median), {peerCompute / best:0.0}x (best); end to end including CSV load: {(peerLoad + peerCompute) / (load.Elapsed.TotalSeconds + median):0.0}x.");
    report.AppendLine();
    report.AppendLine("Checksums (sum over rows, NaN skipped) agree per feature:");
    report.AppendLine();
    report.AppendLine("| feature | PipelineDsl | pandas | relative difference |");
    report.AppendLine("|---|---:|---:|---:|");
    if (p.TryGetProperty("checksum", out var sums))
    {
        foreach (var (name, ours) in checksums)
        {
            if (sums.TryGetProperty(name, out var theirs))
            {
                var t = theirs.GetDouble();
                var diff = Math.Abs(ours - t) / Math.Max(1e-12, Math.Abs(t));
                report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {ours:R} | {t:R} | {diff:0.0e+0} |");
            }
        }
    }
}
else
{
    report.AppendLine();
    report.AppendLine("The pandas peer did not run (python3 with pandas missing?): no ratio in this report.");
}

if (agreement is not null)
{
    report.AppendLine();
    report.AppendLine(agreement);
}

Directory.CreateDirectory(Path.GetDirectoryName(resultsFile)!);
File.WriteAllText(resultsFile, report.ToString());
Console.WriteLine(report.ToString());
return 0;
