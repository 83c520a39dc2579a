namespace PipelineDsl.Runtime.Temporal;

/// <summary>
/// Cumulative sums of one member over an entity's events, so that a window's sum is the difference of two prefixes.
/// The finite part is a double-double (Knuth's two-sum keeps the rounding error of every addition), so a small window
/// after a huge value is still exact to about 1e-32 relative to the running total; infinities are counted apart, so one
/// infinite value affects only the windows that contain it; missing values (NaN) are skipped.
/// </summary>
internal readonly record struct Prefix(double High, double Low, int Count, int PositiveInfinities, int NegativeInfinities)
{
    /// <summary>This prefix extended by one value.</summary>
    public Prefix Add(double value)
    {
        if (double.IsNaN(value))
        {
            return this;
        }

        if (double.IsPositiveInfinity(value))
        {
            return this with { Count = Count + 1, PositiveInfinities = PositiveInfinities + 1 };
        }

        if (double.IsNegativeInfinity(value))
        {
            return this with { Count = Count + 1, NegativeInfinities = NegativeInfinities + 1 };
        }

        // Two-sum: s + e == High + value exactly.
        var s = High + value;
        var v = s - High;
        var e = (High - (s - v)) + (value - v);
        var low = Low + e;

        // Renormalize so High carries the value and Low the small remainder.
        var high = s + low;
        low -= high - s;
        return new Prefix(high, low, Count + 1, PositiveInfinities, NegativeInfinities);
    }

    /// <summary>The sum of the values between two prefixes (<paramref name="start"/> before <paramref name="end"/>), and how many there were.</summary>
    public static double Sum(Prefix start, Prefix end, out int count)
    {
        count = end.Count - start.Count;
        var positive = end.PositiveInfinities - start.PositiveInfinities;
        var negative = end.NegativeInfinities - start.NegativeInfinities;
        if (positive > 0 || negative > 0)
        {
            return positive > 0 && negative > 0 ? double.NaN : positive > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }

        return (end.High - start.High) + (end.Low - start.Low);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(High);
        writer.Write(Low);
        writer.Write(Count);
        writer.Write(PositiveInfinities);
        writer.Write(NegativeInfinities);
    }

    public static Prefix Read(BinaryReader reader) =>
        new(reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
}
