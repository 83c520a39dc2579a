using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using PipelineDsl.Runtime.Training;

namespace PipelineDsl.Runtime.Execution;

/// <summary>
/// How node outputs are written to artifacts and cache entries so that a later run can restore them instead of
/// recomputing: the feature matrix and the split as little-endian binary, metrics as JSON (NaN and infinities kept).
/// </summary>
internal static class NodeOutputCodec
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>A float matrix's bytes.</summary>
    public static byte[] EncodeMatrix(float[] matrix) => MemoryMarshal.AsBytes(matrix.AsSpan()).ToArray();

    /// <summary>The float matrix of <see cref="EncodeMatrix"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a whole number of floats.</exception>
    public static float[] DecodeMatrix(byte[] bytes)
    {
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new InvalidDataException($"A cached feature matrix has {bytes.Length} bytes, not a whole number of floats.");
        }

        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    /// <summary>A split's bytes: strategy, then the training and holdout row indices.</summary>
    public static byte[] EncodeSplit(DatasetSplit split)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write((int)split.Strategy);
            foreach (var rows in new[] { split.Train, split.Test })
            {
                writer.Write(rows.Length);
                foreach (var row in rows)
                {
                    writer.Write(row);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The split of <see cref="EncodeSplit"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are truncated.</exception>
    public static DatasetSplit DecodeSplit(byte[] bytes)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes));
            var strategy = (SplitStrategy)reader.ReadInt32();
            var train = ReadRows(reader);
            var test = ReadRows(reader);
            return new DatasetSplit(strategy, train, test);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("A cached split is truncated.", ex);
        }

        static int[] ReadRows(BinaryReader reader)
        {
            var rows = new int[reader.ReadInt32()];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = reader.ReadInt32();
            }

            return rows;
        }
    }

    /// <summary>Serializes a value (metrics, params) for a cache entry.</summary>
    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    /// <summary>Reads a value written by <see cref="ToJson{T}"/>.</summary>
    /// <exception cref="InvalidDataException">The text is not such a value.</exception>
    public static T FromJson<T>(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json) ?? throw new InvalidDataException("A cache entry holds null where a value was expected.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("A cache entry is not valid JSON: " + ex.Message, ex);
        }
    }
}
