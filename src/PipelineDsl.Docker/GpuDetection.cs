using System.Diagnostics;

namespace PipelineDsl.Docker;

/// <summary>Whether this machine has an NVIDIA GPU a container could be given, and how that was decided.</summary>
public sealed record GpuDetection(bool HasNvidiaGpu, string Reason)
{
    private static readonly Lazy<GpuDetection> Cached = new(() => Detect());

    /// <summary>The detection for this machine, computed once per process.</summary>
    public static GpuDetection Current => Cached.Value;

    /// <summary>
    /// Looks for <c>/dev/nvidia0</c> (the driver's device node), then asks <c>nvidia-smi -L</c> (exit code 0 and at
    /// least one listed GPU).
    /// </summary>
    public static GpuDetection Detect(string deviceNode = "/dev/nvidia0", string nvidiaSmi = "nvidia-smi")
    {
        if (File.Exists(deviceNode))
        {
            return new GpuDetection(true, $"{deviceNode} exists");
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(nvidiaSmi, "-L")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return new GpuDetection(false, $"{deviceNode} is missing and {nvidiaSmi} could not be started");
            }

            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(10_000))
            {
                process.Kill(entireProcessTree: true);
                return new GpuDetection(false, $"{deviceNode} is missing and {nvidiaSmi} did not answer within 10 s");
            }

            return process.ExitCode == 0 && output.Contains("GPU", StringComparison.Ordinal)
                ? new GpuDetection(true, $"{nvidiaSmi} -L lists a GPU")
                : new GpuDetection(false, $"{deviceNode} is missing and {nvidiaSmi} -L exited with {process.ExitCode}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return new GpuDetection(false, $"{deviceNode} is missing and {nvidiaSmi} is not installed");
        }
    }
}
