using System.Globalization;

namespace PipelineDsl.Runtime.Monitoring;

/// <summary>Builds a <see cref="MonitoredColumn"/> from values: moments, a quantile sketch, and category counts when there are few values.</summary>
public static class ColumnProfileBuilder
{
    /// <summary>The most order statistics a sketch keeps (a Kolmogorov-Smirnov statistic against it is off by at most 1/SketchSize).</summary>
    public const int SketchSize = 4096;

    /// <summary>A column with at most this many distinct values is categorical.</summary>
    public const int MaxCategories = 20;

    /// <summary>Profiles <paramref name="values"/> under <paramref name="name"/>.</summary>
    public static MonitoredColumn Build(string name, ReadOnlySpan<double> values)
    {
        var finite = new double[values.Length];
        var count = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                finite[count++] = v;
            }
        }

        var sorted = finite.AsSpan(0, count);
        sorted.Sort();
        double mean = 0, m2 = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            // Welford: stable for large counts.
            var delta = sorted[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (sorted[i] - mean);
        }

        var categories = Categories(sorted);
        return new MonitoredColumn(
            name,
            categories is null ? ColumnKind.Numeric : ColumnKind.Categorical,
            count,
            values.Length - count,
            count == 0 ? 0 : mean,
            count > 1 ? Math.Sqrt(m2 / (count - 1)) : 0,
            count == 0 ? 0 : sorted[0],
            count == 0 ? 0 : sorted[^1],
            Sketch(sorted, SketchSize),
            categories);
    }

    /// <summary>The invariant text a value is counted under in <see cref="MonitoredColumn.Categories"/>.</summary>
    public static string CategoryOf(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>At most <paramref name="size"/> evenly spaced order statistics of <paramref name="sorted"/>, both ends included (all of them when there are fewer).</summary>
    internal static double[] Sketch(ReadOnlySpan<double> sorted, int size)
    {
        if (sorted.Length <= size)
        {
            return sorted.ToArray();
        }

        var sketch = new double[size];
        for (var k = 0; k < size; k++)
        {
            sketch[k] = sorted[(int)((long)k * (sorted.Length - 1) / (size - 1))];
        }

        return sketch;
    }

    private static Dictionary<string, long>? Categories(ReadOnlySpan<double> sorted)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var i = 0;
        while (i < sorted.Length)
        {
            var j = i;
            while (j < sorted.Length && sorted[j] == sorted[i])
            {
                j++;
            }

            if (counts.Count == MaxCategories)
            {
                return null;
            }

            counts[CategoryOf(sorted[i])] = j - i;
            i = j;
        }

        return counts.Count == 0 ? null : counts;
    }
}
