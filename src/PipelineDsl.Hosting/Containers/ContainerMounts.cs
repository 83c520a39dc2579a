namespace PipelineDsl.Hosting.Containers;

/// <summary>
/// The host folders a node's container sees, each at the same absolute path as on the host, so every path a step
/// records (sources, store, artifacts) reads the same inside and out: the working folder (relative sources resolve
/// there), the store (read-write), and the folders of explicitly named source files (read-only). Nested folders are
/// covered by their outermost mount.
/// </summary>
internal static class ContainerMounts
{
    /// <summary>The bind mounts (<c>HOST:CONTAINER[:ro]</c>) for a step.</summary>
    public static IReadOnlyList<string> For(string workingDirectory, string? storeFolder, IEnumerable<string> sourceFiles)
    {
        var writable = new List<string> { Normalize(workingDirectory) };
        if (storeFolder is not null)
        {
            writable.Add(Normalize(storeFolder));
        }

        var readOnly = sourceFiles.Select(file => Normalize(Path.GetDirectoryName(Path.GetFullPath(file))!)).ToList();
        var mounts = new List<string>();
        var covered = new List<string>();
        foreach (var (folder, options) in Outermost(writable).Select(f => (f, "")).Concat(Outermost(readOnly).Select(f => (f, ":ro"))))
        {
            if (covered.Any(outer => IsWithin(folder, outer)))
            {
                continue;
            }

            covered.Add(folder);
            mounts.Add($"{folder}:{folder}{options}");
        }

        return mounts;
    }

    private static IEnumerable<string> Outermost(IEnumerable<string> folders)
    {
        var distinct = folders.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Where(folder => !distinct.Any(other => other != folder && IsWithin(folder, other)));
    }

    private static bool IsWithin(string folder, string outer) =>
        folder == outer || outer == "/" || folder.StartsWith(outer + "/", StringComparison.Ordinal);

    private static string Normalize(string folder)
    {
        var full = Path.GetFullPath(folder).Replace('\\', '/');
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }
}
