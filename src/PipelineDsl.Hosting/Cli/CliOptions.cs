using System.CommandLine;

namespace PipelineDsl.Hosting;

/// <summary>Options shared by several verbs.</summary>
internal static class CliOptions
{
    /// <summary>
    /// <c>--store DIR|URI</c>: the store folder, <c>.mlpipeline</c> under the working directory by default, or a
    /// PostgreSQL server (<c>postgres://user:pass@host:port/db</c> or an Npgsql connection string).
    /// </summary>
    public static Option<string> Store { get; } = new("--store")
    {
        Description = "Store folder (SQLite database and content-addressed artifacts), or a PostgreSQL server: postgres://user:pass@host:port/db.",
        DefaultValueFactory = _ => Path.Combine(Environment.CurrentDirectory, ".mlpipeline"),
        Recursive = true,
    };

    /// <summary><c>--artifacts DIR</c>: where a PostgreSQL store keeps its content-addressed artifact files.</summary>
    public static Option<string?> Artifacts { get; } = new("--artifacts")
    {
        Description = "Artifact folder of a PostgreSQL store (default: .mlpipeline under the working directory).",
        Recursive = true,
    };

    /// <summary><c>--pipeline NAME</c>, needed only when a project declares several pipelines.</summary>
    public static Option<string?> Pipeline() => new("--pipeline", "-p")
    {
        Description = "Pipeline name (needed only when the project declares several).",
    };

    /// <summary><c>--json</c>: machine-readable output.</summary>
    public static Option<bool> Json() => new("--json")
    {
        Description = "Print JSON instead of a table.",
    };

    /// <summary>
    /// The store given on the command line: a folder, made absolute, or a PostgreSQL location kept as given, with the
    /// <c>--artifacts</c> folder (made absolute) recorded in it.
    /// </summary>
    public static string StorePath(System.CommandLine.ParseResult parse)
    {
        var store = parse.GetValue(Store) ?? ".mlpipeline";
        if (PipelineDsl.Runtime.Store.PipelineStore.IsServerLocation(store))
        {
            var artifacts = parse.GetValue(Artifacts);
            return PipelineDsl.Runtime.Store.PipelineStore.WithArtifacts(store, artifacts is null ? null : Path.GetFullPath(artifacts));
        }

        return Path.GetFullPath(store);
    }

    /// <summary><c>--webhook URL</c>: where <c>monitor</c> and <c>watch</c> POST their alerts.</summary>
    public static Option<string?> Webhook() => new("--webhook")
    {
        Description = "POST the alerts as JSON to this http(s) URL.",
    };

    /// <summary>The <c>--webhook</c> value as an absolute http(s) URL, or null when not given.</summary>
    /// <exception cref="CliUsageException">The value is not an absolute http or https URL.</exception>
    public static Uri? WebhookUri(System.CommandLine.ParseResult parse, Option<string?> option)
    {
        var text = parse.GetValue(option);
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CliUsageException($"--webhook '{text}' is not an absolute http or https URL");
    }
}
