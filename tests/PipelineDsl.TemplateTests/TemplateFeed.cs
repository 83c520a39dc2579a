using PipelineDsl.TestSupport;
using System.Diagnostics;
using System.Globalization;

namespace PipelineDsl.TemplateTests;

/// <summary>
/// Packs src/PipelineDsl and templates/PipelineDsl.Templates once per test run with one version of their own (so the
/// NuGet cache can never serve an older build) into a temporary folder feed, and installs the template pack into a
/// private `dotnet new` hive (and CLI home) under the same temporary folder, so the machine's own templates are
/// untouched. Generated projects go to <see cref="Workspace"/>, whose nuget.config adds the feed.
/// </summary>
public sealed class TemplateFeed : IDisposable
{
    public TemplateFeed()
    {
        Version = "0.1.0-tmpltest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        Root = Path.Combine(Path.GetTempPath(), "pdsl-templates-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(Root, "feed");
        Hive = Path.Combine(Root, "hive");
        Workspace = Path.Combine(Root, "work");
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Hive);
        Directory.CreateDirectory(Workspace);

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        foreach (var project in new[] { Path.Combine("src", "PipelineDsl", "PipelineDsl.csproj"), Path.Combine("templates", "PipelineDsl.Templates", "PipelineDsl.Templates.csproj") })
        {
            var pack = Dotnet.Run(RepositoryRoot, "pack", Path.Combine(RepositoryRoot, project), "-c", configuration, "--no-build", "--no-restore", "-o", Feed, $"-p:Version={Version}", "-nologo");
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed ({pack.ExitCode}):\n{pack.Output}");
            }
        }

        if (!File.Exists(TemplatePackagePath))
        {
            throw new InvalidOperationException("the template pack was not packed: " + TemplatePackagePath);
        }

        File.WriteAllText(Path.Combine(Workspace, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="pipelinedsl-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);

        var install = New(Workspace, "install", TemplatePackagePath);
        if (install.ExitCode != 0 || !install.Output.Contains("mlpipeline", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"dotnet new install failed ({install.ExitCode}):\n{install.Output}");
        }
    }

    public string Version { get; }

    public string Root { get; }

    public string Feed { get; }

    public string Hive { get; }

    public string Workspace { get; }

    public string TemplatePackagePath => Path.Combine(Feed, $"PipelineDsl.Templates.{Version}.nupkg");

    public static string RepositoryRoot => RepositoryPaths.Root;

    /// <summary>`dotnet new ARGS` against the private hive.</summary>
    public Dotnet.Result New(string workingDirectory, params string[] args) =>
        Dotnet.Run(workingDirectory, new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = Path.Combine(Hive, "home") },
            ["new", .. args, "--debug:custom-hive", Hive]);

    /// <summary>Instantiates `dotnet new mlpipeline -n NAME ARGS` into a folder of the workspace and returns that folder.</summary>
    public string Instantiate(string name, params string[] args)
    {
        var folder = Path.Combine(Workspace, name);
        var result = New(Workspace, ["mlpipeline", "-n", name, "-o", folder, .. args]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet new mlpipeline {string.Join(' ', args)} failed ({result.ExitCode}):\n{result.Output}");
        }

        return folder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
