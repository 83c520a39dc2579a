using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace PipelineDsl.Docker;

/// <summary>
/// A build context held in memory: a Dockerfile and the files it copies. Its <see cref="ContentHash"/> covers every
/// path and byte, so an image tagged with it is built once per distinct context.
/// </summary>
public sealed class ImageContext
{
    private readonly SortedDictionary<string, byte[]> files = new(StringComparer.Ordinal);

    /// <summary>Creates a context with the given Dockerfile text.</summary>
    public ImageContext(string dockerfile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dockerfile);
        files["Dockerfile"] = Encoding.UTF8.GetBytes(dockerfile);
    }

    /// <summary>The context's paths, sorted (the Dockerfile included).</summary>
    public IReadOnlyCollection<string> Paths => files.Keys;

    /// <summary>Adds (or replaces) a file at <paramref name="path"/> (relative, forward slashes).</summary>
    public ImageContext Add(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var normalized = path.Replace('\\', '/').TrimStart('/');
        if (normalized.Length == 0 || normalized.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"'{path}' is not a relative path inside the build context.", nameof(path));
        }

        files[normalized] = content;
        return this;
    }

    /// <summary>Adds a UTF-8 text file.</summary>
    public ImageContext Add(string path, string text) => Add(path, Encoding.UTF8.GetBytes(text));

    /// <summary>SHA-256 (lower-case hex) over every path and content, in path order.</summary>
    public string ContentHash
    {
        get
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<byte> length = stackalloc byte[8];
            foreach (var (path, content) in files)
            {
                var name = Encoding.UTF8.GetBytes(path);
                BitConverter.TryWriteBytes(length, (long)name.Length);
                hash.AppendData(length);
                hash.AppendData(name);
                BitConverter.TryWriteBytes(length, (long)content.Length);
                hash.AppendData(length);
                hash.AppendData(content);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
    }

    /// <summary>The context as an uncompressed tar stream (what <c>POST /build</c> takes), positioned at 0.</summary>
    public MemoryStream ToTar()
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, content) in files)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, path)
                {
                    DataStream = new MemoryStream(content, writable: false),
                    ModificationTime = DateTimeOffset.UnixEpoch,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                };
                writer.WriteEntry(entry);
            }
        }

        output.Position = 0;
        return output;
    }
}
