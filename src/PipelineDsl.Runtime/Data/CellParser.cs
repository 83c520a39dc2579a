using System.Globalization;

namespace PipelineDsl.Runtime.Data;

/// <summary>
/// Culture-invariant parsers for CSV cells, called by generated dataset readers. The machine's culture never
/// changes a value: "1,5" is not one and a half anywhere.
/// </summary>
public static class CellParser
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", "yyyy-MM-ddTHH:mm:sszzz",
    ];

    /// <summary>Whether a cell holds no value: empty, <c>NA</c>, <c>N/A</c> or <c>null</c>.</summary>
    public static bool IsMissing(ReadOnlySpan<char> cell)
    {
        cell = cell.Trim();
        return cell.IsEmpty || cell is "NA" or "N/A" or "null" or "NULL";
    }

    /// <summary>Parses an <see cref="int"/>.</summary>
    public static bool TryParseInt32(ReadOnlySpan<char> cell, out int value) =>
        int.TryParse(cell.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a <see cref="long"/>.</summary>
    public static bool TryParseInt64(ReadOnlySpan<char> cell, out long value) =>
        long.TryParse(cell.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a <see cref="float"/> (decimal point, optional exponent).</summary>
    public static bool TryParseSingle(ReadOnlySpan<char> cell, out float value) =>
        float.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a <see cref="double"/> (decimal point, optional exponent).</summary>
    public static bool TryParseDouble(ReadOnlySpan<char> cell, out double value) =>
        double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a <see cref="decimal"/>.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> cell, out decimal value) =>
        decimal.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a <see cref="bool"/>: <c>true/false</c>, <c>yes/no</c>, <c>y/n</c>, <c>1/0</c>, any case.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> cell, out bool value)
    {
        cell = cell.Trim();
        if (cell.Equals("true", StringComparison.OrdinalIgnoreCase) || cell.Equals("yes", StringComparison.OrdinalIgnoreCase)
            || cell.Equals("y", StringComparison.OrdinalIgnoreCase) || cell is "1")
        {
            value = true;
            return true;
        }

        if (cell.Equals("false", StringComparison.OrdinalIgnoreCase) || cell.Equals("no", StringComparison.OrdinalIgnoreCase)
            || cell.Equals("n", StringComparison.OrdinalIgnoreCase) || cell is "0")
        {
            value = false;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>Parses an ISO 8601 date or date-time; values without an offset are taken as UTC.</summary>
    public static bool TryParseDateTime(ReadOnlySpan<char> cell, out DateTime value) =>
        DateTime.TryParseExact(
            cell.Trim(),
            DateFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);

    /// <summary>A short, printable excerpt of a bad cell for error messages.</summary>
    public static string Excerpt(ReadOnlySpan<char> cell) =>
        cell.Length <= 40 ? "'" + cell.ToString() + "'" : "'" + cell[..37].ToString() + "...'";
}
