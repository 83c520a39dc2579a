namespace PipelineDsl.Serving.Dashboard;

/// <summary>What the dashboard (the <c>ui</c> verb) shows and where it listens.</summary>
public sealed record DashboardOptions
{
    /// <summary>The default address: loopback only, beside serving's 8080.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8081";

    /// <summary>The store the pages read (runs, registry, audit log, lineage, profiles).</summary>
    public required string Store { get; init; }

    /// <summary>Addresses to listen on; loopback addresses only (the dashboard has no authentication).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>The prediction log the drift page monitors (default: <c>predictions/{pipeline}</c> in the store).</summary>
    public string? LogDirectory { get; init; }

    /// <summary>Overrides the declared monitor window on the drift page: <c>N rows</c> or a duration (<c>1 hour</c>).</summary>
    public string? Window { get; init; }

    /// <summary>How many runs the runs page lists, newest first.</summary>
    public int RunLimit { get; init; } = 50;
}
