namespace PipelineDsl.Runtime.Temporal;

/// <summary>
/// Deterministic 64-bit keys for distinct counts: equal values give equal keys in every process (string hash codes
/// are randomized per process, so they are never used).
/// </summary>
public static class CategoricalKey
{
    /// <summary>The key of a missing value; never counted.</summary>
    public const long Missing = long.MinValue;

    /// <summary>FNV-1a over the UTF-16 code units; <see cref="Missing"/> for null.</summary>
    public static long Of(string? value)
    {
        if (value is null)
        {
            return Missing;
        }

        var hash = 14695981039346656037UL;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        var key = unchecked((long)hash);
        return key == Missing ? Missing + 1 : key;
    }

    /// <summary>The key of an integer.</summary>
    public static long Of(long value) => value == Missing ? Missing + 1 : value;

    /// <summary>The key of a number: its bits, with -0 read as 0; <see cref="Missing"/> for NaN.</summary>
    public static long Of(double value) => double.IsNaN(value) ? Missing : BitConverter.DoubleToInt64Bits(value == 0d ? 0d : value);

    /// <summary>The key of a boolean.</summary>
    public static long Of(bool value) => value ? 1 : 0;

    /// <summary>The key of an instant.</summary>
    public static long Of(DateTime value) => value.Ticks;
}
