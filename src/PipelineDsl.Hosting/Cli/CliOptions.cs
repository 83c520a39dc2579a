using System.CommandLine;

namespace PipelineDsl.Hosting;

/// <summary>Options shared by several verbs.</summary>
internal static class CliOptions
{
    /// <summary><c>--store DIR</c>: the store folder, <c>.mlpipeline</c> under the working directory by default.</summary>
    public static Option<string> Store { get; } = new("--store")
    {
        Description = "Store folder (SQLite database and content-addressed artifacts).",
        DefaultValueFactory = _ => Path.Combine(Environment.CurrentDirectory, ".mlpipeline"),
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

    /// <summary>The store path given on the command line, made absolute.</summary>
    public static string StorePath(System.CommandLine.ParseResult parse) =>
        Path.GetFullPath(parse.GetValue(Store) ?? ".mlpipeline");
}
