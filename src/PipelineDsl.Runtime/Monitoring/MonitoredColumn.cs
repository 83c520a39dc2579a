namespace PipelineDsl.Runtime.Monitoring;

/// <summary>
/// The reference statistics of one feature (or of the prediction) at training time, as drift tests need them: a
/// quantile sketch (up to <see cref="ColumnProfileBuilder.SketchSize"/> sorted order statistics, exact below that size),
/// the moments, and for a categorical column the count of each value.
/// </summary>
/// <param name="Name">The feature name, or <c>prediction</c>.</param>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="Count">Finite values seen.</param>
/// <param name="Missing">Non-finite values seen (NaN, infinity).</param>
/// <param name="Mean">Mean of the finite values.</param>
/// <param name="StandardDeviation">Sample standard deviation.</param>
/// <param name="Minimum">Smallest value.</param>
/// <param name="Maximum">Largest value.</param>
/// <param name="Sketch">Sorted, evenly spaced order statistics of the values.</param>
/// <param name="Categories">For a categorical column, each value (invariant "R" text) and its count; else null.</param>
public sealed record MonitoredColumn(
    string Name,
    ColumnKind Kind,
    long Count,
    long Missing,
    double Mean,
    double StandardDeviation,
    double Minimum,
    double Maximum,
    double[] Sketch,
    IReadOnlyDictionary<string, long>? Categories);
