using System.CommandLine;
using PipelineDsl.Serving;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>serve</c>: runs the pipeline's prediction service (ASP.NET Core, Kestrel) on loopback unless told otherwise,
/// serving the registry's production version with the deployment's rollout, until Ctrl+C or SIGTERM.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var pipeline = CliOptions.Pipeline();
        var urls = new Option<string[]>("--urls")
        {
            Description = $"Addresses to listen on (default {ServingOptions.DefaultUrl}; loopback only unless you name another interface).",
            AllowMultipleArgumentsPerToken = true,
        };
        var deployment = new Option<string?>("--deployment") { Description = "Deployment to serve (needed only when the model declares several)." };
        var adminKeyFile = new Option<string?>("--admin-key-file")
        {
            Description = $"File holding the API key the /admin endpoints require (else {ServingOptions.AdminKeyEnvironmentVariable}; neither: admin endpoints are off).",
        };
        var poll = new Option<double>("--poll-seconds") { Description = "How often the registry is read for a new version (hot swap).", DefaultValueFactory = _ => 2 };
        var window = new Option<double?>("--canary-window-seconds") { Description = "Override the declared canary evaluation window (operations, tests)." };
        var maxBody = new Option<long>("--max-body-bytes") { Description = "Largest request body accepted.", DefaultValueFactory = _ => 1 << 20 };
        var logDirectory = new Option<string?>("--prediction-log") { Description = "Folder for the prediction log (default: predictions/<pipeline> beside the store)." };
        var noLog = new Option<bool>("--no-prediction-log") { Description = "Do not log predictions (monitoring then has nothing to read)." };
        var command = new Command("serve", "Serve predictions over HTTP: /predict, /predict/batch, /health, /ready, /metrics, /contract, /admin.")
        {
            pipeline, urls, deployment, adminKeyFile, poll, window, maxBody, logDirectory, noLog,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var definition = context.Catalog.Resolve(parse.GetValue(pipeline));
            var keyFile = parse.GetValue(adminKeyFile);
            var adminKey = keyFile is not null
                ? File.ReadAllText(Path.GetFullPath(keyFile)).Trim()
                : Environment.GetEnvironmentVariable(ServingOptions.AdminKeyEnvironmentVariable);
            var given = parse.GetValue(urls);
            var options = new ServingOptions
            {
                Store = CliOptions.StorePath(parse),
                Urls = given is { Length: > 0 } ? given : [ServingOptions.DefaultUrl],
                Deployment = parse.GetValue(deployment),
                AdminKey = string.IsNullOrWhiteSpace(adminKey) ? null : adminKey,
                PollInterval = TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(poll))),
                EvaluationWindow = parse.GetValue(window) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                MaxRequestBodyBytes = parse.GetValue(maxBody),
                PredictionLogDirectory = parse.GetValue(logDirectory) is { } directory ? Path.GetFullPath(directory) : null,
                LogPredictions = !parse.GetValue(noLog),
            };

            await using var app = PipelineServing.Build(definition, options, WebVerb.ConsoleLogging);
            return await WebVerb.RunUntilStoppedAsync(
                app,
                context,
                urls => $"serving {definition.Name} on {urls} (admin endpoints {(options.AdminKey is null ? "off" : "on")}); Ctrl+C stops",
                cancellationToken);
        });
        return command;
    }
}
