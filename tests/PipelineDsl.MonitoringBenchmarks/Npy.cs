using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace PipelineDsl.MonitoringBenchmarks;

/// <summary>Reads the little-endian, C-ordered 1-D and 2-D .npy files make_data.py writes (float64 or int32).</summary>
internal static partial class Npy
{
    /// <summary>A (rows, columns) float64 array, one array per row.</summary>
    public static double[][] ReadMatrix(string path)
    {
        using var stream = File.OpenRead(path);
        var (descr, shape) = Header(stream, path);
        if (descr != "<f8" || shape.Length != 2)
        {
            throw new InvalidDataException($"{path}: expected a 2-D <f8 array, found {descr} of rank {shape.Length}");
        }

        var rows = new double[shape[0]][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = GC.AllocateUninitializedArray<double>(shape[1]);
            stream.ReadExactly(MemoryMarshal.AsBytes(rows[r].AsSpan()));
        }

        return rows;
    }

    /// <summary>A 1-D int32 array.</summary>
    public static int[] ReadInt32(string path)
    {
        using var stream = File.OpenRead(path);
        var (descr, shape) = Header(stream, path);
        if (descr != "<i4" || shape.Length != 1)
        {
            throw new InvalidDataException($"{path}: expected a 1-D <i4 array, found {descr} of rank {shape.Length}");
        }

        var values = GC.AllocateUninitializedArray<int>(shape[0]);
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private static (string Descr, int[] Shape) Header(Stream stream, string path)
    {
        Span<byte> magic = stackalloc byte[8];
        stream.ReadExactly(magic);
        if (magic[0] != 0x93 || Encoding.ASCII.GetString(magic[1..6]) != "NUMPY")
        {
            throw new InvalidDataException($"{path} is not a .npy file");
        }

        int length;
        if (magic[6] == 1)
        {
            Span<byte> two = stackalloc byte[2];
            stream.ReadExactly(two);
            length = two[0] | (two[1] << 8);
        }
        else
        {
            Span<byte> four = stackalloc byte[4];
            stream.ReadExactly(four);
            length = BitConverter.ToInt32(four);
        }

        var header = new byte[length];
        stream.ReadExactly(header);
        var text = Encoding.ASCII.GetString(header);
        if (text.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: Fortran order is not supported");
        }

        var descr = DescrPattern().Match(text).Groups[1].Value;
        var shape = ShapePattern().Match(text).Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(int.Parse).ToArray();
        return (descr, shape);
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
