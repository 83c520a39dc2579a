namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// A regression model's predictions against the actual values on its holdout (<c>data-plot="predicted-vs-actual"</c>),
/// on the same range for both axes with the diagonal of perfect prediction; at most 2,000 rows, thinned deterministically.
/// </summary>
internal static class SvgPredictedVsActual
{
    /// <summary>The plot's <c>data-plot</c> value.</summary>
    public const string Plot = "predicted-vs-actual";

    /// <summary>Draws <paramref name="predicted"/> against <paramref name="actual"/>.</summary>
    public static string Render(IReadOnlyList<float> predicted, IReadOnlyList<float> actual, string title)
    {
        var points = SvgDownsample.Pairs(actual, predicted);
        var range = SvgScatterPlot.Range(points.SelectMany(p => new[] { p.X, p.Y }));
        return SvgScatterPlot.Render(
            Plot,
            title,
            points,
            range,
            range,
            "actual",
            "predicted",
            diagonal: true,
            SvgScatterPlot.FiniteCount(actual, predicted));
    }
}
