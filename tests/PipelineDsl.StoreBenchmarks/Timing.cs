using System.Globalization;

namespace PipelineDsl.StoreBenchmarks;

/// <summary>Milliseconds of one measurement: the warm-up (first, JIT included) and the timed runs after it.</summary>
internal sealed record Timing(double First, IReadOnlyList<double> Runs)
{
    public double Median
    {
        get
        {
            var sorted = Runs.Order().ToArray();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    public double Min => Runs.Min();

    public double Max => Runs.Max();

    /// <summary>The warm-up, then <paramref name="runs"/> timed runs, of <paramref name="once"/> (which returns milliseconds).</summary>
    public static Timing Of(int runs, Func<double> once)
    {
        var first = once();
        var list = new List<double>(runs);
        for (var r = 0; r < runs; r++)
        {
            list.Add(once());
        }

        return new Timing(first, list);
    }

    public static async Task<Timing> OfAsync(int runs, Func<Task<double>> once)
    {
        var first = await once();
        var list = new List<double>(runs);
        for (var r = 0; r < runs; r++)
        {
            list.Add(await once());
        }

        return new Timing(first, list);
    }

    /// <summary>Splits measurements that return several figures per run (element i of each run) into one timing per figure.</summary>
    public static Timing[] Columns(IReadOnlyList<double[]> all)
    {
        var width = all[0].Length;
        return Enumerable.Range(0, width).Select(i => new Timing(all[0][i], all.Skip(1).Select(r => r[i]).ToArray())).ToArray();
    }

    public string Range => $"{Ms(Min)}–{Ms(Max)}";

    /// <summary>Milliseconds with as many decimals as their size deserves.</summary>
    public static string Ms(double ms) => ms.ToString(ms < 1 ? "0.000" : ms < 10 ? "0.00" : ms < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);
}

/// <summary>A fresh folder under the temp directory, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pdsl-storebench-{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the benchmark.
        }
    }
}
