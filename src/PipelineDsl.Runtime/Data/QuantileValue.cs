using System.Globalization;

namespace PipelineDsl.Runtime.Data;

/// <summary>One quantile of a numeric column.</summary>
/// <param name="Level">The probability, in (0, 1): 0.25 for the first quartile.</param>
/// <param name="Value">The quantile (linear interpolation between order statistics; see <see cref="ColumnProfiler.Quantile"/>).</param>
public sealed record QuantileValue(double Level, double Value)
{
    /// <summary>The quantile's name: <c>p01</c>, <c>p05</c>, <c>p25</c>, <c>p50</c>, ...</summary>
    public string Name => NameOf(Level);

    /// <summary>The name of the quantile at <paramref name="level"/>: <c>p</c> and the percentage on two digits (<c>p05</c>, <c>p99</c>, <c>p99.9</c>).</summary>
    public static string NameOf(double level) => "p" + (level * 100).ToString("00.###", CultureInfo.InvariantCulture);
}
