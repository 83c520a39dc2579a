using System.Diagnostics;

namespace PipelineDsl.PackageTests;

/// <summary>
/// Packs src/PipelineDsl once per test run, with a version of its own (so the NuGet cache can never serve an older
/// build), into a temporary folder feed. Shared by the tests of this assembly.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    public PackageFeed()
    {
        Version = "0.1.0-pkgtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        Folder = Path.Combine(Path.GetTempPath(), "pdsl-feed-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Folder);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var project = Path.Combine(RepositoryRoot, "src", "PipelineDsl", "PipelineDsl.csproj");
        var pack = Dotnet.Run(RepositoryRoot, "pack", project, "-c", configuration, "--no-build", "-o", Folder, $"-p:Version={Version}", "-nologo");
        if (pack.ExitCode != 0 || !File.Exists(PackagePath))
        {
            throw new InvalidOperationException($"dotnet pack failed ({pack.ExitCode}):\n{pack.Output}");
        }
    }

    public string Version { get; }

    public string Folder { get; }

    public string PackagePath => Path.Combine(Folder, $"PipelineDsl.{Version}.nupkg");

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PipelineDsl.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("PipelineDsl.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Runs the dotnet CLI and captures everything it prints.</summary>
internal static class Dotnet
{
    public sealed record Result(int ExitCode, string Output);

    public static Result Run(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Never let the repository's MSBuild node or its Directory.Build.props leak into a consumer build.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} ran past 5 minutes.");
        }

        return new Result(process.ExitCode, stdout.Result + stderr.Result);
    }
}
