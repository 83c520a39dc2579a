namespace PipelineDsl.Docker;

/// <summary>How a container run ended.</summary>
public sealed record ContainerRunResult
{
    /// <summary>The number of log lines kept as a failure's tail.</summary>
    public const int TailLines = 40;

    /// <summary>Creates a result from the container's exit code and, for a failure, the last log lines.</summary>
    public ContainerRunResult(string containerId, long exitCode, IReadOnlyList<ContainerLogLine> tail)
    {
        ContainerId = containerId;
        ExitCode = exitCode;
        Kind = Classify(exitCode);
        Tail = Kind == ContainerExitKind.Succeeded ? [] : tail;
    }

    /// <summary>The (now removed) container's id.</summary>
    public string ContainerId { get; }

    /// <summary>The container's exit code.</summary>
    public long ExitCode { get; }

    /// <summary>What the exit code means.</summary>
    public ContainerExitKind Kind { get; }

    /// <summary>Whether the command exited with 0.</summary>
    public bool Succeeded => Kind == ContainerExitKind.Succeeded;

    /// <summary>For a failure, the last <see cref="TailLines"/> lines of stdout and stderr (in order); empty on success.</summary>
    public IReadOnlyList<ContainerLogLine> Tail { get; }

    /// <summary>Maps an exit code to its meaning (the shell and engine conventions).</summary>
    public static ContainerExitKind Classify(long exitCode) => exitCode switch
    {
        0 => ContainerExitKind.Succeeded,
        125 => ContainerExitKind.EngineError,
        126 => ContainerExitKind.NotExecutable,
        127 => ContainerExitKind.CommandNotFound,
        134 or 139 => ContainerExitKind.Crashed,
        137 => ContainerExitKind.Killed,
        143 => ContainerExitKind.Terminated,
        _ => ContainerExitKind.Failed,
    };

    /// <summary>A one-line description, e.g. <c>exit code 3 (Failed)</c>.</summary>
    public string Describe() => Succeeded ? "exit code 0" : $"exit code {ExitCode} ({Kind})";
}
