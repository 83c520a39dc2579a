namespace PipelineDsl.Runtime.Temporal;

/// <summary>Writes and reads entity keys in state snapshots: strings, integers, instants and the time-only join's unit key.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
internal static class KeyCodec<TKey>
{
    public static void Write(BinaryWriter writer, TKey key)
    {
        switch (key)
        {
            case string s:
                writer.Write(s);
                break;
            case int i:
                writer.Write(i);
                break;
            case long l:
                writer.Write(l);
                break;
            case DateTime d:
                writer.Write(d.Ticks);
                break;
            case bool b:
                writer.Write(b);
                break;
            default:
                throw new NotSupportedException($"Entity keys of type {typeof(TKey).Name} cannot be written to a snapshot; use string, int, long, DateTime or bool.");
        }
    }

    public static TKey Read(BinaryReader reader)
    {
        object key = typeof(TKey) == typeof(string) ? reader.ReadString()
            : typeof(TKey) == typeof(int) ? reader.ReadInt32()
            : typeof(TKey) == typeof(long) ? reader.ReadInt64()
            : typeof(TKey) == typeof(DateTime) ? new DateTime(reader.ReadInt64())
            : typeof(TKey) == typeof(bool) ? reader.ReadBoolean()
            : throw new NotSupportedException($"Entity keys of type {typeof(TKey).Name} cannot be read from a snapshot.");
        return (TKey)key;
    }
}
