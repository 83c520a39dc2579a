using System.Runtime;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace PipelineDsl.StoreBenchmarks;

/// <summary>What the numbers were measured on.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024d * 1024 * 1024);
        var temp = Path.GetTempPath();
        return $"{Environment.ProcessorCount} logical cores ({cpu}), {memoryGiB:0} GiB, {RuntimeInformation.OSDescription}, " +
               $".NET {Environment.Version} ({(GCSettings.IsServerGC ? "server" : "workstation")} GC), SQLite {SqliteVersion()}; " +
               $"stores in `{temp}` ({FileSystemOf(temp)}){LoadAverage()}.";
    }

    // Other work on the machine moves these numbers; the 1/5/15-minute load average at start says how busy it was.
    private static string LoadAverage()
    {
        if (!File.Exists("/proc/loadavg"))
        {
            return "";
        }

        var parts = File.ReadAllText("/proc/loadavg").Split(' ');
        return parts.Length >= 3 ? $"; load average at start {parts[0]} / {parts[1]} / {parts[2]}" : "";
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return command.ExecuteScalar() as string ?? "?";
    }

    private static string? ReadFirst(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    // The mount whose point is the longest prefix of the path (Linux only; elsewhere "file system unknown").
    private static string FileSystemOf(string path)
    {
        if (!File.Exists("/proc/mounts"))
        {
            return "file system unknown";
        }

        var full = Path.GetFullPath(path);
        var best = File.ReadLines("/proc/mounts")
            .Select(l => l.Split(' '))
            .Where(p => p.Length > 2 && full.StartsWith(p[1].TrimEnd('/') + "/", StringComparison.Ordinal))
            .MaxBy(p => p[1].Length);
        return best is null ? "file system unknown" : $"{best[2]} on {best[0]}";
    }
}
