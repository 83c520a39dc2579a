using System.Security.Cryptography;

namespace PipelineDsl.Runtime.Store;

/// <summary>
/// Content-addressed artifact files: <c>{store}/artifacts/sha256/{h[..2]}/{h}</c>. Every write goes to a temporary
/// file on the same volume and is then renamed into place, so a reader never sees a half-written artifact; storing
/// bytes that are already there is a no-op. Safe to share between threads and processes.
/// </summary>
public sealed class ArtifactStore
{
    private const string TempSuffix = ".tmp";

    /// <summary>Opens (and creates when needed) the artifact folder of the store at <paramref name="storePath"/>.</summary>
    public ArtifactStore(string storePath)
    {
        StorePath = Path.GetFullPath(storePath);
        Root = Path.Combine(StorePath, "artifacts", "sha256");
        Directory.CreateDirectory(Root);
    }

    /// <summary>The store folder.</summary>
    public string StorePath { get; }

    /// <summary>The folder holding the <c>sha256</c> tree.</summary>
    public string Root { get; }

    /// <summary>Stores <paramref name="bytes"/>; returns their lower-case SHA-256 hex.</summary>
    public string Put(ReadOnlySpan<byte> bytes)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var final = PathOf(hash);
        if (File.Exists(final))
        {
            return hash;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        var temp = TempPath(Path.GetDirectoryName(final)!);
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        Commit(temp, final);
        return hash;
    }

    /// <summary>Stores the content of <paramref name="stream"/> (read to its end); returns its SHA-256 hex.</summary>
    public string Put(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var temp = TempPath(Root);
        string hash;
        try
        {
            using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    hasher.AppendData(buffer, 0, read);
                    output.Write(buffer, 0, read);
                }

                output.Flush(flushToDisk: true);
            }

            hash = Convert.ToHexStringLower(hasher.GetHashAndReset());
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        var final = PathOf(hash);
        if (File.Exists(final))
        {
            TryDelete(temp);
            return hash;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        Commit(temp, final);
        return hash;
    }

    /// <summary>Stores the bytes of the file at <paramref name="path"/>; returns their SHA-256 hex.</summary>
    public string PutFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Put(stream);
    }

    /// <summary>Whether an artifact with <paramref name="hash"/> is stored.</summary>
    public bool Contains(string hash) => File.Exists(PathOf(hash));

    /// <summary>The path an artifact with <paramref name="hash"/> has (whether or not it is stored).</summary>
    /// <exception cref="ArgumentException"><paramref name="hash"/> is not a SHA-256 hex string.</exception>
    public string PathOf(string hash)
    {
        if (hash is null || hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"'{hash}' is not a SHA-256 hex string.", nameof(hash));
        }

        hash = hash.ToLowerInvariant();
        return Path.Combine(Root, hash[..2], hash);
    }

    /// <summary>Opens a stored artifact for reading.</summary>
    /// <exception cref="FileNotFoundException">No artifact has <paramref name="hash"/>.</exception>
    public Stream Open(string hash)
    {
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Artifact sha256:{hash} is not in the store at {StorePath}.", path);
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    /// <summary>Every stored artifact hash (for audits and tests).</summary>
    public IReadOnlyList<string> List() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Where(name => name is { Length: 64 })
            .Select(name => name!)
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// Deletes the temporary files of writes whose process is gone (killed mid-write): their names carry the writer's
    /// process id. A live writer's files are left alone.
    /// </summary>
    /// <returns>How many files were deleted.</returns>
    public int RemoveAbandonedTempFiles()
    {
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(Root, "*" + TempSuffix, SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(path);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 1 && int.TryParse(name.AsSpan(1, dash - 1), out var pid) && WriterIsAlive(pid))
            {
                continue;
            }

            TryDelete(path);
            removed += File.Exists(path) ? 0 : 1;
        }

        return removed;
    }

    /// <summary>Whether process <paramref name="pid"/> is running on this machine.</summary>
    internal static bool WriterIsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string TempPath(string folder) =>
        Path.Combine(folder, "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N") + TempSuffix);

    private static void Commit(string temp, string final)
    {
        try
        {
            File.Move(temp, final, overwrite: false);
        }
        catch (IOException) when (File.Exists(final))
        {
            // Another writer stored the same content first; theirs is identical.
            TryDelete(temp);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
