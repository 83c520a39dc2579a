using System.Globalization;

namespace PipelineDsl.Runtime.Monitoring;

/// <summary>Parses a window given on the command line: <c>N rows</c>, or a duration such as <c>30 minutes</c>, <c>1 hour</c>, <c>2 days</c>.</summary>
public static class MonitorWindowSpec
{
    /// <summary>The window as (rows, duration); exactly one is non-zero.</summary>
    /// <exception cref="FormatException">Neither a row count of at least 10 nor a positive duration.</exception>
    public static (int Rows, TimeSpan Duration) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            var unit = parts[1].ToLowerInvariant().TrimEnd('s');
            switch (unit)
            {
                case "row" when n >= 10 && n == Math.Floor(n):
                    return ((int)n, TimeSpan.Zero);
                case "second":
                    return (0, TimeSpan.FromSeconds(n));
                case "minute":
                    return (0, TimeSpan.FromMinutes(n));
                case "hour":
                    return (0, TimeSpan.FromHours(n));
                case "day":
                    return (0, TimeSpan.FromDays(n));
            }
        }

        throw new FormatException($"'{text}' is not a window: use 'N rows' (N >= 10) or a duration like '30 minutes', '1 hour', '2 days'");
    }
}
