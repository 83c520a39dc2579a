using System.Globalization;

namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// How reports print numbers, times and hashes: always with the invariant culture, and never as <c>NaN</c> or
/// <c>Infinity</c> (an undefined metric prints as <c>n/a</c>), so that the same store renders the same bytes anywhere.
/// </summary>
internal static class ReportFormat
{
    /// <summary>What an undefined (NaN) value prints as.</summary>
    public const string NotAvailable = "n/a";

    /// <summary>A metric or statistic with up to four decimals (<c>0.9312</c>, <c>1234.5</c>); <c>n/a</c> for NaN.</summary>
    public static string Number(double value, string format = "0.####")
    {
        if (double.IsNaN(value))
        {
            return NotAvailable;
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+inf" : "-inf";
        }

        // Very large magnitudes would print as long digit runs: use an exponent instead.
        if (Math.Abs(value) >= 1e9)
        {
            return value.ToString("0.###e+0", CultureInfo.InvariantCulture);
        }

        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return text.StartsWith('-') && text.AsSpan(1).Trim("0.").IsEmpty ? text[1..] : text;
    }

    /// <summary>A nullable statistic; <c>-</c> when absent.</summary>
    public static string Number(double? value, string format = "0.####") => value is { } v ? Number(v, format) : "-";

    /// <summary>A count.</summary>
    public static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A share in [0, 1] as a percentage with one decimal (<c>12.5%</c>).</summary>
    public static string Percent(double share) => double.IsNaN(share) ? NotAvailable : (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>A UTC time, to the second.</summary>
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A duration in milliseconds as <c>850 ms</c>, <c>12.3 s</c> or <c>4 min 05 s</c>.</summary>
    public static string Duration(long milliseconds)
    {
        if (milliseconds < 1000)
        {
            return milliseconds.ToString(CultureInfo.InvariantCulture) + " ms";
        }

        if (milliseconds < 60_000)
        {
            return (milliseconds / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s";
        }

        var span = TimeSpan.FromMilliseconds(milliseconds);
        return ((long)span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " min " + span.Seconds.ToString("00", CultureInfo.InvariantCulture) + " s";
    }

    /// <summary>The first 12 characters of a 64-character hash; anything else as it is.</summary>
    public static string ShortHash(string? hash) => hash is null ? "-" : hash.Length == 64 ? hash[..12] : hash;
}
