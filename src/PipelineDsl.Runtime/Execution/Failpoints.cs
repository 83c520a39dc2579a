namespace PipelineDsl.Runtime.Execution;

/// <summary>
/// Named points where the process can be made to hang, crash or fail on purpose, to prove crash safety for real: a
/// test starts a pipeline with <c>PIPELINEDSL_FAILPOINTS=node:train:ChurnModel:end=hang</c>, waits for the line
/// <c>failpoint ... reached</c> on standard error, and kills the process with SIGKILL. Actions: <c>hang</c> (block until
/// killed or cancelled), <c>crash</c> (<see cref="Environment.FailFast(string)"/>), <c>io</c> (throw an <see cref="IOException"/>,
/// a transient fault). Points: <c>node:{id}:start</c> before a node runs, <c>node:{id}:end</c> after it ran and before
/// its output is cached. Unset (the normal case), every check is one dictionary lookup on an empty dictionary.
/// </summary>
public static class Failpoints
{
    /// <summary>The environment variable: comma-separated <c>name=action</c> pairs.</summary>
    public const string EnvironmentVariable = "PIPELINEDSL_FAILPOINTS";

    private static readonly Dictionary<string, string> Configured = Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Triggers the action configured for <paramref name="name"/>, if any.</summary>
    /// <param name="name">The point.</param>
    /// <param name="cancellationToken">A <c>hang</c> ends when this is cancelled (Ctrl+C), as a node's work would.</param>
    /// <exception cref="IOException">The point is configured with <c>io</c>.</exception>
    /// <exception cref="OperationCanceledException">The point hung and <paramref name="cancellationToken"/> was cancelled.</exception>
    public static void Hit(string name, CancellationToken cancellationToken = default)
    {
        if (Configured.Count == 0 || !Configured.TryGetValue(name, out var action))
        {
            return;
        }

        Console.Error.WriteLine($"failpoint {name} reached ({action})");
        Console.Error.Flush();
        switch (action)
        {
            case "hang":
                cancellationToken.WaitHandle.WaitOne();
                cancellationToken.ThrowIfCancellationRequested();
                break;
            case "crash":
                Environment.FailFast($"failpoint {name}");
                break;
            case "io":
                throw new IOException($"failpoint {name}: injected I/O fault");
        }
    }

    private static Dictionary<string, string> Parse(string? text)
    {
        var points = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = pair.LastIndexOf('=');
            points[at < 0 ? pair : pair[..at]] = at < 0 ? "hang" : pair[(at + 1)..];
        }

        return points;
    }
}
