using System.Security.Cryptography;
using System.Text;

namespace PipelineDsl.Hosting.Export;

/// <summary>
/// Kubernetes and Argo names from pipeline names and DAG node ids: DNS-1123 labels (lower-case letters, digits and
/// '-', starting and ending with a letter or digit, at most 63 characters). Node ids such as <c>train:ChurnModel</c>
/// are not valid names, so they are mapped deterministically; the original id stays in the container's arguments.
/// </summary>
internal static class ArgoNames
{
    /// <summary>The longest DNS-1123 label.</summary>
    public const int MaxLength = 63;

    private const int HashLength = 8;

    /// <summary>
    /// <paramref name="value"/> as a DNS-1123 label of at most <paramref name="maxLength"/> characters: lower-cased,
    /// every run of other characters turned into one '-', trimmed of '-'. A value that has to be cut keeps its start and
    /// ends with '-' and 8 hex digits of its SHA-256, so two long values that share a prefix stay apart.
    /// </summary>
    public static string Sanitize(string value, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, HashLength + 2);
        var sb = new StringBuilder(value.Length);
        foreach (var c in value.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var name = sb.ToString().Trim('-');
        if (name.Length == 0)
        {
            return "x-" + Hash(value);
        }

        return name.Length <= maxLength ? name : name[..(maxLength - HashLength - 1)].TrimEnd('-') + "-" + Hash(value);
    }

    /// <summary>
    /// A distinct label for every id in <paramref name="ids"/> (ordinal), in the same order: <see cref="Sanitize"/>'s,
    /// except that ids whose labels collide (<c>train:A.B</c> and <c>train:A-B</c>) get a hash of the original id.
    /// </summary>
    /// <param name="ids">The ids; distinct.</param>
    /// <param name="reserved">Labels already taken (the DAG template's name, for example).</param>
    public static IReadOnlyDictionary<string, string> Unique(IEnumerable<string> ids, params IEnumerable<string> reserved)
    {
        var list = ids.ToList();
        var first = list.ToDictionary(id => id, id => Sanitize(id), StringComparer.Ordinal);
        var counts = first.Values.Concat(reserved).GroupBy(n => n, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in list)
        {
            var name = first[id];
            if (counts[name] > 1)
            {
                var stem = Sanitize(id, MaxLength - HashLength - 1);
                name = stem + "-" + Hash(id);
            }

            result[id] = name;
        }

        return result;
    }

    /// <summary>Whether <paramref name="name"/> is a DNS-1123 label.</summary>
    public static bool IsDns1123Label(string name) =>
        name.Length is > 0 and <= MaxLength
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && name[0] != '-' && name[^1] != '-';

    /// <summary>The default image reference for <paramref name="name"/>: lower-cased, <c>:latest</c>.</summary>
    public static string Image(string name) => name.ToLowerInvariant() + ":latest";

    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..HashLength];
}
