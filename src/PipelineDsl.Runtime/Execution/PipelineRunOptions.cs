namespace PipelineDsl.Runtime.Execution;

/// <summary>How one run executes.</summary>
public sealed record PipelineRunOptions
{
    /// <summary>The store folder (default <c>.mlpipeline</c> under the working directory).</summary>
    public required string StorePath { get; init; }

    /// <summary>Dataset name to source path overrides (<c>--source NAME=PATH</c>).</summary>
    public IReadOnlyDictionary<string, string> SourceOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>Folders searched, in order, for a relative source path (default: working directory, then the app folder).</summary>
    public IReadOnlyList<string> SourceSearchPaths { get; init; } = [Environment.CurrentDirectory, AppContext.BaseDirectory];

    /// <summary>Run every node even when the step cache holds its output (<c>--force</c>).</summary>
    public bool Force { get; init; }

    /// <summary>A node still running after this long fails the run (<c>--node-timeout</c>); null: no limit.</summary>
    public TimeSpan? NodeTimeout { get; init; }

    /// <summary>Continue this interrupted run (same run id) instead of starting a new one (<c>--resume</c>).</summary>
    public string? ResumeRunId { get; init; }

    /// <summary>
    /// Run only this node (<c>step NODE</c>): its ancestors must be in the step cache and are restored, it executes (or
    /// is restored when cached, unless <see cref="Force"/>), and no other node runs. Null: the whole DAG.
    /// </summary>
    public string? OnlyNode { get; init; }

    /// <summary>
    /// Join (or create) the run with this id instead of starting a new one (<c>step --run</c>): the steps of one logical
    /// run, each in its own process, share it; it becomes final when every node has completed in it.
    /// </summary>
    public string? RunId { get; init; }
}
