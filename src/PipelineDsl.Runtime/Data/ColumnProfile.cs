namespace PipelineDsl.Runtime.Data;

/// <summary>
/// The statistics of one column of one dataset version. Which of the optional statistics are set depends on
/// <see cref="Kind"/>: the moments and quantiles for <see cref="ColumnProfileKind.Numeric"/>, the distinct count and
/// top values for <see cref="ColumnProfileKind.Categorical"/>, the earliest and latest time for
/// <see cref="ColumnProfileKind.DateTime"/>; all of them stay unset when the column holds no value at all.
/// </summary>
/// <param name="Column">The file's header the column was read from.</param>
/// <param name="Kind">Which statistics it has.</param>
/// <param name="Rows">How many rows were read (every row has a cell in every column).</param>
/// <param name="NullCount">Cells with no value: empty, <c>NA</c>, <c>N/A</c>, <c>null</c> (<see cref="CellParser.IsMissing"/>).</param>
public sealed record ColumnProfile(string Column, ColumnProfileKind Kind, int Rows, int NullCount)
{
    /// <summary>
    /// Cells that hold something the column's type cannot parse, or (numeric columns) a value that is not finite
    /// (<c>NaN</c>, <c>Infinity</c>). They are left out of every statistic. Zero for a file that passed ingest.
    /// </summary>
    public int InvalidCount { get; init; }

    /// <summary>Cells that hold a value the statistics describe: <see cref="Rows"/> less the null and invalid cells.</summary>
    public int ValueCount => Rows - NullCount - InvalidCount;

    /// <summary>The share of rows with no value, in [0, 1] (0 when there are no rows).</summary>
    public double NullRate => Rows == 0 ? 0 : (double)NullCount / Rows;

    /// <summary>The mean (numeric columns).</summary>
    public double? Mean { get; init; }

    /// <summary>The sample standard deviation, with n - 1 in the denominator; 0 for a single value (numeric columns).</summary>
    public double? Std { get; init; }

    /// <summary>The smallest value (numeric columns).</summary>
    public double? Min { get; init; }

    /// <summary>The largest value (numeric columns).</summary>
    public double? Max { get; init; }

    /// <summary>The quantiles <see cref="ColumnProfiler.QuantileLevels"/>, in that order (numeric columns; empty otherwise).</summary>
    public IReadOnlyList<QuantileValue> Quantiles { get; init; } = [];

    /// <summary>How many different values the column holds (categorical columns).</summary>
    public int? DistinctCount { get; init; }

    /// <summary>
    /// The most frequent values, at most <see cref="ColumnProfiler.TopValueCount"/>, by count then value (ordinal)
    /// (categorical columns; empty otherwise). The list is complete when its length equals <see cref="DistinctCount"/>.
    /// </summary>
    public IReadOnlyList<ValueCount> TopValues { get; init; } = [];

    /// <summary>The earliest time, UTC (date-time columns).</summary>
    public DateTime? MinTime { get; init; }

    /// <summary>The latest time, UTC (date-time columns).</summary>
    public DateTime? MaxTime { get; init; }

    /// <summary>Whether <see cref="TopValues"/> lists every value the column holds (also when it holds none).</summary>
    public bool TopValuesComplete => ValueCount == 0 || (DistinctCount is { } distinct && TopValues.Count == distinct);

    /// <summary>The quantile named <paramref name="name"/> (<c>p50</c>), or <see langword="null"/>.</summary>
    public double? Quantile(string name) => Quantiles.FirstOrDefault(q => q.Name == name)?.Value;
}
