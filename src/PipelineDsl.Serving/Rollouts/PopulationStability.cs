namespace PipelineDsl.Serving.Rollouts;

/// <summary>
/// The population stability index between a reference sample and a current one, over ten bins at the reference's
/// deciles: <c>sum((c - r) * ln(c / r))</c> with empty bins floored at 1e-4. Below 0.1 is usually read as no shift,
/// above 0.25 as a large one.
/// </summary>
internal static class PopulationStability
{
    private const int Bins = 10;
    private const double Floor = 1e-4;

    /// <summary>The PSI of <paramref name="current"/> against <paramref name="reference"/>; 0 when either is empty.</summary>
    public static double Index(IReadOnlyList<float> reference, IReadOnlyList<float> current)
    {
        if (reference.Count == 0 || current.Count == 0)
        {
            return 0;
        }

        var sorted = reference.ToArray();
        Array.Sort(sorted);
        var edges = new float[Bins - 1];
        for (var b = 1; b < Bins; b++)
        {
            edges[b - 1] = sorted[(int)((long)b * (sorted.Length - 1) / Bins)];
        }

        var expected = Histogram(reference, edges);
        var actual = Histogram(current, edges);
        var psi = 0.0;
        for (var b = 0; b < Bins; b++)
        {
            var e = Math.Max(expected[b], Floor);
            var a = Math.Max(actual[b], Floor);
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }

    private static double[] Histogram(IReadOnlyList<float> values, float[] edges)
    {
        var counts = new double[Bins];
        foreach (var v in values)
        {
            // The first edge not below the value: ties with an edge go to the lower bin, as with the deciles themselves.
            var bin = Array.BinarySearch(edges, v);
            bin = bin >= 0 ? LowestEqual(edges, bin) : ~bin;
            counts[bin]++;
        }

        for (var b = 0; b < Bins; b++)
        {
            counts[b] /= values.Count;
        }

        return counts;
    }

    private static int LowestEqual(float[] edges, int index)
    {
        while (index > 0 && edges[index - 1] == edges[index])
        {
            index--;
        }

        return index;
    }
}
