namespace PipelineDsl.Docker;

/// <summary>What a container's exit code means.</summary>
public enum ContainerExitKind
{
    /// <summary>Exit code 0.</summary>
    Succeeded,

    /// <summary>Any other non-zero exit code: the command itself failed.</summary>
    Failed,

    /// <summary>125: the engine or runtime could not run the container.</summary>
    EngineError,

    /// <summary>126: the command was found but could not be executed.</summary>
    NotExecutable,

    /// <summary>127: the command was not found in the image.</summary>
    CommandNotFound,

    /// <summary>134 (128 + SIGABRT) or 139 (128 + SIGSEGV): the process crashed (an abort, e.g. .NET's FailFast, or a fault).</summary>
    Crashed,

    /// <summary>137 (128 + SIGKILL): killed, often by the out-of-memory killer.</summary>
    Killed,

    /// <summary>143 (128 + SIGTERM): terminated, e.g. stopped.</summary>
    Terminated,
}
