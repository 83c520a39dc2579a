namespace PipelineDsl.Serving;

/// <summary>How <c>serve</c> runs: where it listens, which store it reads, its limits and its admin key.</summary>
public sealed record ServingOptions
{
    /// <summary>The default address: loopback only. Listening on other interfaces is an explicit choice.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>The environment variable that carries the admin API key when no key file is given.</summary>
    public const string AdminKeyEnvironmentVariable = "PIPELINEDSL_ADMIN_KEY";

    /// <summary>The store location (a folder, or a PostgreSQL URL with its artifacts folder, as the CLI takes it).</summary>
    public required string Store { get; init; }

    /// <summary>The addresses to listen on.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>The deployment to serve, by name; null for the pipeline's only deployment (or the default, direct one).</summary>
    public string? Deployment { get; init; }

    /// <summary>The key admin endpoints require in the <c>X-Api-Key</c> header; null disables them.</summary>
    public string? AdminKey { get; init; }

    /// <summary>How often the registry is read for a new production or staging version (hot swap).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Overrides the declared canary evaluation window (operations and tests); null keeps the declaration.</summary>
    public TimeSpan? EvaluationWindow { get; init; }

    /// <summary>The largest request body accepted, in bytes (larger bodies get 413).</summary>
    public long MaxRequestBodyBytes { get; init; } = 1 << 20;

    /// <summary>The most rows one <c>/predict/batch</c> request may carry.</summary>
    public int MaxBatchRows { get; init; } = 10_000;

    /// <summary>The folder the prediction log is appended to; null for <c>predictions/{pipeline}</c> in the store folder.</summary>
    public string? PredictionLogDirectory { get; init; }

    /// <summary>Entries the prediction log may hold in memory before new entries are dropped (and counted).</summary>
    public int PredictionLogCapacity { get; init; } = 65_536;

    /// <summary>Whether predictions are logged at all.</summary>
    public bool LogPredictions { get; init; } = true;

    /// <summary>How long a replaced model stays alive for requests that started on it.</summary>
    public TimeSpan SwapGrace { get; init; } = TimeSpan.FromSeconds(30);
}
