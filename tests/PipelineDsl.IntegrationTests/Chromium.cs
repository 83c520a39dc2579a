using System.Diagnostics;

namespace PipelineDsl.IntegrationTests;

/// <summary>Debian's <c>chromium</c> (or <c>chromium-browser</c>), run headless.</summary>
internal sealed class Chromium
{
    private Chromium(string path) => Path = path;

    public string Path { get; }

    /// <summary>
    /// The browser on PATH (or at <c>$PIPELINEDSL_CHROMIUM</c>). This repository's xUnit (2.x) cannot skip a test
    /// at run time, and CI installs Chromium, so a machine without it fails here with the reason.
    /// </summary>
    public static Chromium Find()
    {
        var configured = Environment.GetEnvironmentVariable("PIPELINEDSL_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Assert.True(File.Exists(configured), $"PIPELINEDSL_CHROMIUM names {configured}, which does not exist.");
            return new Chromium(configured);
        }

        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in new[] { "chromium", "chromium-browser" })
        {
            foreach (var folder in folders)
            {
                var candidate = System.IO.Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return new Chromium(candidate);
                }
            }
        }

        Assert.Fail(
            "This test renders the HTML model card and run report in headless Chromium and needs Debian's `chromium` on PATH "
            + "(apt-get install chromium; CI installs it), or PIPELINEDSL_CHROMIUM set to a Chromium binary. Searched PATH: "
            + string.Join(System.IO.Path.PathSeparator, folders));
        throw new UnreachableException();
    }

    /// <summary>The DOM Chromium builds from <paramref name="htmlFile"/> (a file, or an http URL), serialized (<c>--dump-dom</c>).</summary>
    public string DumpDom(string htmlFile, string profile)
    {
        var target = htmlFile.StartsWith("http://", StringComparison.Ordinal) ? htmlFile : new Uri(htmlFile).AbsoluteUri;
        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=" + profile, "--dump-dom", target,
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{Path} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Chromium did not finish rendering {htmlFile} within 2 minutes.");
        }

        process.WaitForExit();
        var dom = output.GetAwaiter().GetResult();
        Assert.True(process.ExitCode == 0 && dom.Length > 0, $"Chromium exited with {process.ExitCode} on {htmlFile}:\n{errors.GetAwaiter().GetResult()}");
        return dom;
    }
}
