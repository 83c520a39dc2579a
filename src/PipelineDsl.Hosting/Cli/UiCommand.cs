using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using PipelineDsl.Serving.Dashboard;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>ui</c>: a read-only dashboard of the store on loopback (default <c>http://127.0.0.1:8081</c>): runs and versions,
/// a version's lineage and audit rows, the pipeline's DAG, drift over time from the prediction log. Runs until Ctrl+C.
/// </summary>
internal static class UiCommand
{
    public static Command Create(CliContext context)
    {
        var pipeline = CliOptions.Pipeline();
        var urls = new Option<string[]>("--urls")
        {
            Description = $"Loopback addresses to listen on (default {DashboardOptions.DefaultUrl}; the dashboard has no authentication).",
            AllowMultipleArgumentsPerToken = true,
        };
        var log = new Option<string?>("--log") { Description = "Prediction log folder the drift page monitors (default: predictions/<pipeline> in the store)." };
        var window = new Option<string?>("--window") { Description = "Override the declared monitor window on the drift page: 'N rows' or a duration ('1 hour')." };
        var command = new Command("ui", "Serve a local dashboard of the store: runs, versions with lineage and audit, the pipeline DAG, drift over time.")
        {
            pipeline, urls, log, window,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var definition = context.Catalog.Resolve(parse.GetValue(pipeline));
            var given = parse.GetValue(urls);
            var options = new DashboardOptions
            {
                Store = CliOptions.StorePath(parse),
                Urls = given is { Length: > 0 } ? given : [DashboardOptions.DefaultUrl],
                LogDirectory = parse.GetValue(log) is { } l ? Path.GetFullPath(l) : null,
                Window = parse.GetValue(window),
            };
            WebApplication app;
            try
            {
                app = PipelineDashboard.Build(definition, options, WebVerb.ConsoleLogging);
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException(e.Message);
            }

            await using (app)
            {
                return await WebVerb.RunUntilStoppedAsync(app, context, urls => $"dashboard of {definition.Name} on {urls}; Ctrl+C stops", cancellationToken);
            }
        });
        return command;
    }
}
