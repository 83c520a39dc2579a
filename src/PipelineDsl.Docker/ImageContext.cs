using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace PipelineDsl.Docker;

/// <summary>
/// A build context: a Dockerfile and the files it copies, held in memory or read from disk when the context is sent.
/// Its <see cref="ContentHash"/> covers every path, mode and byte, so an image tagged with it is built once per
/// distinct context.
/// </summary>
public sealed class ImageContext
{
    /// <summary>Contexts larger than this are written to a temporary file, not memory, when sent to the engine.</summary>
    public const long InMemoryTarLimit = 64L * 1024 * 1024;

    private const UnixFileMode ReadOnlyMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode ExecutableMode = ReadOnlyMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly SortedDictionary<string, Entry> files = new(StringComparer.Ordinal);
    private string? contentHash;

    /// <summary>Creates a context with the given Dockerfile text.</summary>
    public ImageContext(string dockerfile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dockerfile);
        files["Dockerfile"] = new Entry(Encoding.UTF8.GetBytes(dockerfile), null, ReadOnlyMode);
    }

    /// <summary>The context's paths, sorted (the Dockerfile included).</summary>
    public IReadOnlyCollection<string> Paths => files.Keys;

    /// <summary>The total size of the files in bytes.</summary>
    public long Size => files.Values.Sum(entry => entry.Length);

    /// <summary>Adds (or replaces) a file at <paramref name="path"/> (relative, forward slashes).</summary>
    public ImageContext Add(string path, byte[] content, bool executable = false)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Put(path, new Entry(content, null, executable ? ExecutableMode : ReadOnlyMode));
    }

    /// <summary>Adds a UTF-8 text file.</summary>
    public ImageContext Add(string path, string text) => Add(path, Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Adds the file at <paramref name="source"/> on disk as <paramref name="path"/>; it is read when the context is hashed
    /// or sent, not now. Its executable bits are kept.
    /// </summary>
    public ImageContext AddFile(string path, string source)
    {
        var info = new FileInfo(source);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"'{source}' does not exist: it cannot go into the build context.", source);
        }

        var executable = !OperatingSystem.IsWindows() && (info.UnixFileMode & UnixFileMode.UserExecute) != 0;
        return Put(path, new Entry(null, info.FullName, executable ? ExecutableMode : ReadOnlyMode));
    }

    /// <summary>Adds every file under <paramref name="directory"/> (recursively) below <paramref name="prefix"/> in the context.</summary>
    public ImageContext AddDirectory(string prefix, string directory)
    {
        var root = new DirectoryInfo(directory);
        if (!root.Exists)
        {
            throw new DirectoryNotFoundException($"'{directory}' does not exist: it cannot go into the build context.");
        }

        foreach (var file in root.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root.FullName, file.FullName).Replace('\\', '/');
            AddFile($"{prefix.TrimEnd('/')}/{relative}", file.FullName);
        }

        return this;
    }

    /// <summary>SHA-256 (lower-case hex) over every path, mode and content, in path order.</summary>
    public string ContentHash => contentHash ??= ComputeHash();

    /// <summary>
    /// The context as an uncompressed tar stream (what <c>POST /build</c> takes), positioned at 0: in memory up to
    /// <see cref="InMemoryTarLimit"/>, else a temporary file deleted when the stream is disposed.
    /// </summary>
    public Stream ToTar()
    {
        Stream output = Size <= InMemoryTarLimit
            ? new MemoryStream()
            : new FileStream(Path.Combine(Path.GetTempPath(), $"pipelinedsl-context-{Guid.NewGuid():N}.tar"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20, FileOptions.DeleteOnClose);
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, entry) in files)
            {
                using var content = entry.Open();
                var tarEntry = new PaxTarEntry(TarEntryType.RegularFile, path)
                {
                    DataStream = content,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                    Mode = entry.Mode,
                };
                writer.WriteEntry(tarEntry);
            }
        }

        output.Position = 0;
        return output;
    }

    private ImageContext Put(string path, Entry entry)
    {
        var normalized = path.Replace('\\', '/').TrimStart('/');
        if (normalized.Length == 0 || normalized.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"'{path}' is not a relative path inside the build context.", nameof(path));
        }

        files[normalized] = entry;
        contentHash = null;
        return this;
    }

    private string ComputeHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        var buffer = new byte[1 << 16];
        foreach (var (path, entry) in files)
        {
            var name = Encoding.UTF8.GetBytes(path);
            BitConverter.TryWriteBytes(number, (long)name.Length);
            hash.AppendData(number);
            hash.AppendData(name);
            BitConverter.TryWriteBytes(number, (long)entry.Mode);
            hash.AppendData(number);
            BitConverter.TryWriteBytes(number, entry.Length);
            hash.AppendData(number);
            using var content = entry.Open();
            int read;
            while ((read = content.Read(buffer)) > 0)
            {
                hash.AppendData(buffer.AsSpan(0, read));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A file of the context: bytes in memory, or a path read on demand.</summary>
    private sealed record Entry(byte[]? Content, string? Source, UnixFileMode Mode)
    {
        public long Length => Content?.LongLength ?? new FileInfo(Source!).Length;

        public Stream Open() => Content is not null
            ? new MemoryStream(Content, writable: false)
            : new FileStream(Source!, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }
}
