using System.Diagnostics;
using System.Text;

namespace PipelineDsl.IntegrationTests;

/// <summary>
/// Runs a built sample as its own process (<c>dotnet Sample.dll ARGS</c>), the way a user or a scheduler does, so that
/// tests can kill it for real (SIGKILL), run two at once on one store, or run an edited copy of a sample.
/// </summary>
internal sealed class SampleProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private SampleProcess(string dll, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything the process printed so far (stdout and stderr interleaved by arrival).</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The build configuration this test assembly was built in (the samples are built in the same one).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The built dll of sample <paramref name="project"/> (a folder under <c>samples/</c>).</summary>
    public static string SampleDll(string project) =>
        Path.Combine(SampleData.RepositoryRoot, "samples", project, "bin", Configuration, "net10.0", project + ".dll");

    public static SampleProcess Start(string dll, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        new(dll, args, environment);

    /// <summary>Runs to the end (at most <paramref name="timeout"/>); returns the exit code and the output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string dll, IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        using var process = Start(dll, args);
        var code = await process.WaitForExitAsync(timeout ?? TimeSpan.FromMinutes(3));
        return (code, process.Output);
    }

    /// <summary>Waits until the output contains <paramref name="text"/> (or the process exits, or the timeout passes).</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (_process.HasExited)
            {
                return Output.Contains(text, StringComparison.Ordinal);
            }

            await Task.Delay(20);
        }

        return false;
    }

    /// <summary>SIGINT, what Ctrl+C in a terminal sends.</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
    }

    /// <summary>SIGKILL: no cleanup, no finally blocks, no flushing; what a crash or the OOM killer does.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The sample did not exit within {timeout}. Output:\n{Output}");
        }

        _process.WaitForExit(); // drains the redirected streams
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }
}
