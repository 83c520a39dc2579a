using System;
using System.Globalization;

namespace PipelineDsl.Generators.Helpers;

/// <summary>
/// Parses the DSL's durations (<c>"30s"</c>, <c>"15m"</c>, <c>"12h"</c>, <c>"7d"</c>, <c>"2w"</c>) and event counts
/// (<c>"10 events"</c>); for <c>[Monitor]</c> windows also row counts (<c>"1000 rows"</c>) and spelled-out durations
/// (<c>"1 hour"</c>, <c>"30 minutes"</c>).
/// </summary>
internal static class DurationParser
{
    private const long TicksPerSecond = 10_000_000L;

    /// <summary>A positive duration in ticks.</summary>
    public static bool TryParseDuration(string? text, out long ticks)
    {
        ticks = 0;
        if (text is null)
        {
            return false;
        }

        var s = text.Trim();
        if (s.Length < 2)
        {
            return false;
        }

        long unit = char.ToLowerInvariant(s[s.Length - 1]) switch
        {
            's' => TicksPerSecond,
            'm' => 60 * TicksPerSecond,
            'h' => 3600 * TicksPerSecond,
            'd' => 86400 * TicksPerSecond,
            'w' => 7 * 86400 * TicksPerSecond,
            _ => 0,
        };
        if (unit == 0 || !long.TryParse(s.Substring(0, s.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count <= 0 || count > long.MaxValue / unit / 2)
        {
            return false;
        }

        ticks = count * unit;
        return true;
    }

    /// <summary>A window: a duration (ticks, events 0) or <c>"N events"</c> (events N, ticks 0).</summary>
    public static bool TryParseWindow(string? text, out long ticks, out int events)
    {
        ticks = 0;
        events = 0;
        if (text is null)
        {
            return false;
        }

        var s = text.Trim();
        foreach (var suffix in new[] { " events", " event" })
        {
            if (s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return int.TryParse(s.Substring(0, s.Length - suffix.Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out events)
                    && events > 0;
            }
        }

        return TryParseDuration(s, out ticks);
    }

    /// <summary>
    /// A monitor window: <c>"N rows"</c> (or <c>"N row"</c>; rows N, ticks 0, N not checked here) or a positive duration
    /// (ticks, rows 0), spelled out (<c>"1 hour"</c>, <c>"30 minutes"</c>, <c>"1 day"</c>) or compact (<c>"2h"</c>).
    /// </summary>
    public static bool TryParseRowsOrDuration(string? text, out long ticks, out int rows)
    {
        ticks = 0;
        rows = 0;
        if (text is null)
        {
            return false;
        }

        var s = text.Trim();
        foreach (var suffix in new[] { " rows", " row" })
        {
            if (s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return int.TryParse(s.Substring(0, s.Length - suffix.Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out rows);
            }
        }

        return TryParseSpelledDuration(s, out ticks) || TryParseDuration(s, out ticks);
    }

    /// <summary>A positive duration written as a count and a unit: <c>"1 hour"</c>, <c>"30 minutes"</c>, <c>"2 h"</c>.</summary>
    public static bool TryParseSpelledDuration(string? text, out long ticks)
    {
        ticks = 0;
        var parts = text?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts is null || parts.Length != 2)
        {
            return false;
        }

        long unit = parts[1].ToLowerInvariant() switch
        {
            "s" or "sec" or "secs" or "second" or "seconds" => TicksPerSecond,
            "m" or "min" or "mins" or "minute" or "minutes" => 60 * TicksPerSecond,
            "h" or "hr" or "hrs" or "hour" or "hours" => 3600 * TicksPerSecond,
            "d" or "day" or "days" => 86400 * TicksPerSecond,
            "w" or "week" or "weeks" => 7 * 86400 * TicksPerSecond,
            _ => 0,
        };
        if (unit == 0 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count <= 0 || count > long.MaxValue / unit / 2)
        {
            return false;
        }

        ticks = count * unit;
        return true;
    }
}
