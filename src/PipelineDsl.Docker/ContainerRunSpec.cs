namespace PipelineDsl.Docker;

/// <summary>What to run in a container: the image, the command and the host resources it sees.</summary>
public sealed record ContainerRunSpec
{
    /// <summary>The image to run (it must already be present: no registry is assumed to be reachable).</summary>
    public required string Image { get; init; }

    /// <summary>The command (argv); empty runs the image's own entry point.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Environment variables set in the container.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Bind mounts in the engine's <c>host-path:container-path[:options]</c> form, e.g. <c>/var/store:/store</c>.</summary>
    public IReadOnlyList<string> Binds { get; init; } = [];

    /// <summary>The working directory inside the container, or <see langword="null"/> for the image's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The network mode; <c>host</c> by default (nodes talk to the host's store and services).</summary>
    public string NetworkMode { get; init; } = "host";

    /// <summary>GPUs the node wants, or <see langword="null"/> for none. Dropped (with a log line) when the machine has no NVIDIA GPU.</summary>
    public GpuRequest? Gpus { get; init; }

    /// <summary>The user (<c>UID:GID</c>) the command runs as, or <see langword="null"/> for the image's (root in the base image).</summary>
    public string? User { get; init; }

    /// <summary>An optional container name (the engine picks one when <see langword="null"/>).</summary>
    public string? Name { get; init; }

    /// <summary>How long a stop (on cancellation) waits after SIGTERM before SIGKILL.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(2);
}
