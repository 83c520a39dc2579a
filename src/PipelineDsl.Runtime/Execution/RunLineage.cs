using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.ML;

namespace PipelineDsl.Runtime.Execution;

/// <summary>Environment facts recorded in a model version's lineage.</summary>
public static class RunLineage
{
    /// <summary>The commit of the working directory's git repository (<c>git rev-parse HEAD</c>), or <c>unknown</c>.</summary>
    public static string GitCommit(string? workingDirectory = null)
    {
        try
        {
            var start = new ProcessStartInfo("git", "rev-parse HEAD")
            {
                WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            using var process = Process.Start(start);
            if (process is null)
            {
                return "unknown";
            }

            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(5000))
            {
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                }

                return "unknown";
            }

            var commit = output.GetAwaiter().GetResult().Trim();
            return process.ExitCode == 0 && commit.Length >= 7 && commit.All(char.IsAsciiHexDigit) ? commit : "unknown";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return "unknown";
        }
    }

    /// <summary>The .NET runtime version.</summary>
    public static string DotnetVersion => Environment.Version.ToString();

    /// <summary>The ML.NET version.</summary>
    public static string MlNetVersion => VersionOf(typeof(MLContext).Assembly);

    /// <summary>The PipelineDsl runtime version.</summary>
    public static string PipelineDslVersion => VersionOf(typeof(RunLineage).Assembly);

    /// <summary>The operating system.</summary>
    public static string OperatingSystem => RuntimeInformation.OSDescription;

    private static string VersionOf(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational))
        {
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus > 0 ? informational[..plus] : informational;
        }

        return assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
