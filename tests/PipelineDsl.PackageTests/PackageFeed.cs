using PipelineDsl.TestSupport;
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
        var pack = Dotnet.Run(RepositoryRoot, "pack", project, "-c", configuration, "--no-build", "--no-restore", "-o", Folder, $"-p:Version={Version}", "-nologo");
        if (pack.ExitCode != 0 || !File.Exists(PackagePath))
        {
            throw new InvalidOperationException($"dotnet pack failed ({pack.ExitCode}):\n{pack.Output}");
        }
    }

    public string Version { get; }

    public string Folder { get; }

    public string PackagePath => Path.Combine(Folder, $"PipelineDsl.{Version}.nupkg");

    public static string RepositoryRoot => RepositoryPaths.Root;

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
