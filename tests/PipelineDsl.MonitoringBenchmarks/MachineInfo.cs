using System.Runtime;
using System.Runtime.InteropServices;

namespace PipelineDsl.MonitoringBenchmarks;

/// <summary>What the numbers were measured on.</summary>
internal static class MachineInfo
{
    public static string Cpu => ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    public static string Describe()
    {
        var memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024d * 1024 * 1024);
        return $"{Environment.ProcessorCount} logical cores (nproc; {Cpu}), {memoryGiB:0} GiB, {RuntimeInformation.OSDescription}, " +
               $".NET {Environment.Version} ({(GCSettings.IsServerGC ? "server" : "workstation")} GC){LoadAverage()}";
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

    private static string? ReadFirst(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
