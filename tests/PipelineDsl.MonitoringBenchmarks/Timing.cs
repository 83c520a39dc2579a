using System.Globalization;

namespace PipelineDsl.MonitoringBenchmarks;

/// <summary>Milliseconds of one measurement: the warm-up (first, JIT included) and the timed runs after it.</summary>
internal sealed record Timing(double First, IReadOnlyList<double> Runs)
{
    public double Median => MedianOf(Runs);

    public double Min => Runs.Min();

    public double Max => Runs.Max();

    public string Range => $"{Ms(Min)}–{Ms(Max)}";

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

    public static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Milliseconds with as many decimals as their size deserves.</summary>
    public static string Ms(double ms) => ms.ToString(ms < 1 ? "0.000" : ms < 10 ? "0.00" : ms < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);
}
