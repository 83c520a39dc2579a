using PipelineDsl.TestSupport;
using System.Text.RegularExpressions;

namespace PipelineDsl.PackageTests;

/// <summary>A throw-away project outside the repository that references the packed PipelineDsl from the local feed.</summary>
internal sealed partial class ConsumerProject : IDisposable
{
    public ConsumerProject(PackageFeed feed, IReadOnlyDictionary<string, string> sources)
    {
        Folder = Path.Combine(Path.GetTempPath(), "pdsl-consumer-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Folder);

        // The local feed comes first; the machine's own sources (the NuGet mirror) still serve ML.NET and the rest.
        File.WriteAllText(Path.Combine(Folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="pipelinedsl-local" value="{feed.Folder}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(Folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PipelineDsl" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        foreach (var (name, text) in sources)
        {
            File.WriteAllText(Path.Combine(Folder, name), text);
        }
    }

    public string Folder { get; }

    /// <summary>Builds the project; returns the exit code, the output and each distinct PDSL diagnostic as "ID file(line)".</summary>
    public (int ExitCode, string Output, IReadOnlyList<string> Diagnostics) Build()
    {
        var result = Dotnet.Run(Folder, "build", "-nologo", "-clp:NoSummary", "-p:TreatWarningsAsErrors=false");
        var diagnostics = DiagnosticLine().Matches(result.Output)
            .Select(m => $"{m.Groups["id"].Value} {Path.GetFileName(m.Groups["file"].Value)}({m.Groups["line"].Value})")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return (result.ExitCode, result.Output, diagnostics);
    }

    public Dotnet.Result Run(params string[] args) => Dotnet.Run(Folder, ["run", "--no-build", "--", .. args]);

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

    [GeneratedRegex(@"(?<file>[^\s:]+\.cs)\((?<line>\d+),\d+\): (?:warning|error) (?<id>PDSL\d{3})")]
    private static partial Regex DiagnosticLine();
}
