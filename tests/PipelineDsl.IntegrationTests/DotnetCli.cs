using System.Diagnostics;

namespace PipelineDsl.IntegrationTests;

/// <summary>Runs the .NET CLI (<c>dotnet build ...</c>) from the repository root, as a developer would, and captures its output.</summary>
internal static class DotnetCli
{
    /// <summary>Runs <c>dotnet ARGS</c> with node reuse off; at most <paramref name="timeout"/> (default 5 minutes).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = SampleData.RepositoryRoot };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(cancellation.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
