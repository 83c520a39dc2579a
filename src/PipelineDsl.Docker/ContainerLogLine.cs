namespace PipelineDsl.Docker;

/// <summary>The stream a container log line came from.</summary>
public enum ContainerStream
{
    /// <summary>Standard output.</summary>
    StandardOutput,

    /// <summary>Standard error.</summary>
    StandardError,
}

/// <summary>One line a container wrote, without its line ending.</summary>
public readonly record struct ContainerLogLine(ContainerStream Stream, string Text)
{
    /// <inheritdoc />
    public override string ToString() => Stream == ContainerStream.StandardError ? $"[stderr] {Text}" : Text;
}
