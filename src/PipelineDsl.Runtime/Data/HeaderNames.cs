namespace PipelineDsl.Runtime.Data;

/// <summary>
/// How a column name in a file or a field name in a request matches a member: lower-cased, without <c>_</c>, space,
/// <c>-</c> and <c>.</c>, so <c>total_day_minutes</c>, <c>totalDayMinutes</c> and <c>TotalDayMinutes</c> are one name.
/// The CSV reader and the JSON request reader both match this way.
/// </summary>
public static class HeaderNames
{
    /// <summary>Writes the normalized form of <paramref name="name"/> to <paramref name="destination"/> (at least as long); returns its length.</summary>
    public static int Normalize(ReadOnlySpan<char> name, Span<char> destination)
    {
        var length = 0;
        foreach (var c in name)
        {
            if (c is not ('_' or ' ' or '-' or '.'))
            {
                destination[length++] = char.ToLowerInvariant(c);
            }
        }

        return length;
    }

    /// <summary>The normalized form of <paramref name="name"/>.</summary>
    public static string Normalize(string name)
    {
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        return new string(buffer[..Normalize(name, buffer)]);
    }
}
