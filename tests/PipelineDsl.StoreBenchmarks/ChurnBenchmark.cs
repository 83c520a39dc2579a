using System.Diagnostics;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.StoreBenchmarks;

internal sealed record ChurnResult(
    Timing Help, Timing Plan, Timing Full, Timing Cached, Timing FullInProcess, Timing CachedInProcess, int Nodes, string CachedLine);

/// <summary>
/// The churn sample as a user runs it: <c>dotnet ChurnPrediction.dll run --store DIR</c> into a fresh store (full run), the
/// same command again (every node cached), and <c>--help</c> / <c>plan</c> as the process start-up baseline.
/// </summary>
internal static class ChurnBenchmark
{
    public const string UpToDate = "up to date: every node cached";

    public static ChurnResult Run(string dll, int runs)
    {
        var dotnet = Environment.GetEnvironmentVariable("PDSL_DOTNET") ?? "dotnet";
        using var workDir = new TempFolder("churn-cwd"); // a neutral working directory: nothing lands in the repository
        var all = new List<double[]>();
        var nodes = 0;
        var cachedLine = "";
        for (var r = 0; r <= runs; r++)
        {
            using var storeDir = new TempFolder("churn-store");
            var help = Exec(dotnet, workDir.Path, dll, "--help");
            var full = Exec(dotnet, workDir.Path, dll, "run", "--store", storeDir.Path);
            if (!full.Output.Contains("registered churn v1", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The full run did not register churn v1:\n" + full.Output);
            }

            var cached = Exec(dotnet, workDir.Path, dll, "run", "--store", storeDir.Path);
            if (!cached.Output.Contains(UpToDate, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The re-run did not say \"{UpToDate}\":\n" + cached.Output);
            }

            cachedLine = cached.Output.Split('\n').First(l => l.Contains(UpToDate, StringComparison.Ordinal)).Trim();
            var plan = Exec(dotnet, workDir.Path, dll, "plan", "--store", storeDir.Path);

            // The pipeline's own time inside each process: from the run row's creation to its finish (PipelineRunner).
            using var store = new PipelineStore(storeDir.Path);
            var recorded = store.ListRuns("churn").OrderBy(x => x.StartedUtc).ToArray();
            if (recorded.Length != 2 || recorded.Any(x => x.FinishedUtc is null))
            {
                throw new InvalidOperationException($"Expected two finished churn runs in the store, found {recorded.Length}.");
            }

            nodes = store.GetRun(recorded[1].Id)!.Nodes.Count;
            double InProcess(RunRecord x) => (x.FinishedUtc!.Value - x.StartedUtc).TotalMilliseconds;
            all.Add([help.Ms, plan.Ms, full.Ms, cached.Ms, InProcess(recorded[0]), InProcess(recorded[1])]);
            Console.WriteLine($"  churn {(r == 0 ? "warm-up" : $"run {r}")}: --help {Timing.Ms(help.Ms)} ms, plan {Timing.Ms(plan.Ms)} ms, full {Timing.Ms(full.Ms)} ms, cached {Timing.Ms(cached.Ms)} ms");
        }

        var c = Timing.Columns(all);
        return new ChurnResult(c[0], c[1], c[2], c[3], c[4], c[5], nodes, cachedLine);
    }

    /// <summary>Wall time from starting the process to its exit, output read as it comes; a non-zero exit fails the benchmark.</summary>
    private static (double Ms, string Output) Exec(string dotnet, string workDir, params string[] args)
    {
        var info = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dotnet}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var ms = clock.Elapsed.TotalMilliseconds;
        var output = stdout.Result + stderr.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{dotnet} {string.Join(' ', args)} exited with {process.ExitCode}:\n{output}");
        }

        return (ms, output);
    }
}
