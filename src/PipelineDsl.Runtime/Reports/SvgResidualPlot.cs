namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// A regression model's residuals on its holdout (<c>data-plot="residuals"</c>): each row's prediction against its
/// residual (actual - predicted), around the zero line, symmetric about it; at most 2,000 rows, thinned deterministically.
/// </summary>
internal static class SvgResidualPlot
{
    /// <summary>The plot's <c>data-plot</c> value.</summary>
    public const string Plot = "residuals";

    /// <summary>Draws the residuals of <paramref name="predicted"/> against <paramref name="actual"/>.</summary>
    public static string Render(IReadOnlyList<float> predicted, IReadOnlyList<float> actual, string title)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        if (predicted.Count != actual.Count)
        {
            throw new ArgumentException($"{predicted.Count} predictions for {actual.Count} actual values.", nameof(actual));
        }

        var residuals = new float[actual.Count];
        for (var i = 0; i < actual.Count; i++)
        {
            residuals[i] = actual[i] - predicted[i];
        }

        var points = SvgDownsample.Pairs(predicted, residuals);
        var xRange = SvgScatterPlot.Range(points.Select(p => p.X));
        var extent = SvgScatterPlot.Range(points.Select(p => Math.Abs(p.Y))).Max;
        return SvgScatterPlot.Render(
            Plot,
            title,
            points,
            xRange,
            (-extent, extent),
            "predicted",
            "residual (actual - predicted)",
            diagonal: false,
            SvgScatterPlot.FiniteCount(predicted, residuals));
    }
}
