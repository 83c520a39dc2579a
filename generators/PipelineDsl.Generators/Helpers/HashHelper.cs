using System.Security.Cryptography;
using System.Text;

namespace PipelineDsl.Generators.Helpers;

/// <summary>Content hashes for the lineage constants the generator emits.</summary>
internal static class HashHelper
{
    /// <summary>The lowercase hex SHA-256 of <paramref name="text"/> encoded as UTF-8.</summary>
    public static string Sha256Hex(string text)
    {
        using var sha = SHA256.Create();
        var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var sb = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
