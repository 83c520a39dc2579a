namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// What the regression scatter plots share: at most <see cref="SvgDownsample.MaxPoints"/> dots (deterministically
/// thinned), axes on round ticks, and a dashed reference line under the dots: the diagonal y = x, or the line y = 0.
/// </summary>
internal static class SvgScatterPlot
{
    /// <summary>Draws the points with the given axis ranges and labels, and the diagonal (<paramref name="diagonal"/>) or the zero line.</summary>
    public static string Render(
        string plot,
        string title,
        IReadOnlyList<(double X, double Y)> points,
        (double Min, double Max) xRange,
        (double Min, double Max) yRange,
        string xLabel,
        string yLabel,
        bool diagonal,
        int totalPoints)
    {
        var canvas = new SvgCanvas(plot, title, width: 440, height: 380);
        var (xMin, xMax) = SvgCanvas.NiceRange(xRange.Min, xRange.Max);
        var (yMin, yMax) = SvgCanvas.NiceRange(yRange.Min, yRange.Max);
        canvas.Scale(xMin, xMax, yMin, yMax);
        canvas.Axes(SvgCanvas.NiceTicks(xMin, xMax), SvgCanvas.NiceTicks(yMin, yMax), xLabel, yLabel);
        if (diagonal)
        {
            var low = Math.Max(xMin, yMin);
            var high = Math.Min(xMax, yMax);
            if (low < high)
            {
                canvas.Line([(low, low), (high, high)], stroke: "#9ca3af", width: 1.2, dash: "5 4", series: "diagonal");
            }
        }
        else if (yMin <= 0 && yMax >= 0)
        {
            canvas.Line([(xMin, 0), (xMax, 0)], stroke: "#9ca3af", width: 1.2, dash: "5 4", series: "zero");
        }

        canvas.Dots(points, "#2563eb");
        var caption = points.Count < totalPoints
            ? $"{ReportFormat.Count(points.Count)} of {ReportFormat.Count(totalPoints)} rows shown"
            : $"{ReportFormat.Count(points.Count)} rows";
        canvas.Text(canvas.Right - 6, canvas.Top + 14, caption, anchor: "end", fill: "#4b5563");
        return canvas.Finish();
    }

    /// <summary>The smallest and largest finite value among <paramref name="values"/>; (0, 1) when there is none.</summary>
    public static (double Min, double Max) Range(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        return double.IsFinite(min) ? (min, max) : (0, 1);
    }

    /// <summary>How many pairs of the two lists are both finite.</summary>
    public static int FiniteCount(IReadOnlyList<float> xs, IReadOnlyList<float> ys)
    {
        var count = 0;
        for (var i = 0; i < Math.Min(xs.Count, ys.Count); i++)
        {
            count += float.IsFinite(xs[i]) && float.IsFinite(ys[i]) ? 1 : 0;
        }

        return count;
    }
}
