using System.CommandLine;
using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Monitoring;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>watch</c>: continuous training. Each new CSV file in the data folder is monitored against the production
/// version; when an alert's declared action is <see cref="MonitorAction.Retrain"/> (or on the retraining schedule),
/// the pipeline runs on that file and the gates decide (an alert whose action is <see cref="MonitorAction.Rollback"/>
/// first puts the previous production version back): a challenger that passes every gate (no-regression against
/// the champion included) is promoted to production, one that fails is registered but the champion stays, and the
/// audit log says why either way.
/// </summary>
internal static class WatchCommand
{
    private const string Actor = "watch";

    public static Command Create(CliContext context)
    {
        var pipeline = CliOptions.Pipeline();
        var folder = new Option<string>("--data-folder") { Description = "Folder new labelled data files (CSV) arrive in.", Required = true };
        var interval = new Option<double>("--interval") { Description = "Seconds between looks at the folder.", DefaultValueFactory = _ => 60 };
        var every = new Option<double?>("--retrain-every") { Description = "Also retrain on the newest file on this schedule (hours), whatever the monitor says." };
        var once = new Option<bool>("--once") { Description = "Look once, act, and exit (for a scheduler)." };
        var webhook = CliOptions.Webhook();
        var command = new Command("watch", "Continuous training: monitor new data files, retrain when the monitor says so (or on schedule), let the gates decide.")
        {
            pipeline, folder, interval, every, once, webhook,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var definition = context.Catalog.Resolve(parse.GetValue(pipeline));
            var store = CliOptions.StorePath(parse);
            var data = Path.GetFullPath(parse.GetValue(folder)!);
            var seenPath = SeenFile(store, definition.Name);
            var lastScheduled = DateTime.UtcNow;
            var alerted = false;
            while (true)
            {
                var seen = File.Exists(seenPath) ? File.ReadAllLines(seenPath).ToHashSet(StringComparer.Ordinal) : [];
                var fresh = Directory.Exists(data)
                    ? Directory.GetFiles(data, "*.csv").Order(StringComparer.Ordinal).Where(f => !seen.Contains(Path.GetFileName(f))).ToArray()
                    : [];
                foreach (var file in fresh)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    context.Out.WriteLine($"== new data: {file}");
                    var report = await Task.Run(
                        () => definition.Accept(new MonitorCommand.Monitor(new MonitorOptions(store, null, null, file), null)),
                        cancellationToken);
                    await MonitorCommand.Output(context, report, json: false, CliOptions.WebhookUri(parse, webhook), cancellationToken);
                    alerted |= report.Alerts.Count > 0;
                    var rollback = report.Alerts.FirstOrDefault(a => (a.Action & MonitorAction.Rollback) == MonitorAction.Rollback);
                    if (rollback is not null)
                    {
                        using var registry = PipelineStore.Open(store);
                        var restored = registry.Rollback(definition.Name, Actor, $"monitor alert on {Path.GetFileName(file)}: {rollback.Message}");
                        context.Out.WriteLine($"rolled back {definition.Name} to v{restored.Version}: {rollback.Message}");
                    }

                    var retrain = report.Alerts.Where(a => (a.Action & MonitorAction.Retrain) == MonitorAction.Retrain).ToArray();
                    if (retrain.Length > 0)
                    {
                        var why = $"{retrain.Length} alerts asking to retrain on {Path.GetFileName(file)}, first: {retrain[0].Message}";
                        await RetrainAsync(context, definition, store, file, why, cancellationToken);
                    }

                    File.AppendAllLines(seenPath, [Path.GetFileName(file)]);
                }

                if (parse.GetValue(every) is { } hours && DateTime.UtcNow - lastScheduled >= TimeSpan.FromHours(hours))
                {
                    lastScheduled = DateTime.UtcNow;
                    var newest = Directory.Exists(data) ? Directory.GetFiles(data, "*.csv").Order(StringComparer.Ordinal).LastOrDefault() : null;
                    if (newest is not null)
                    {
                        await RetrainAsync(context, definition, store, newest, $"scheduled retraining every {hours} h on {Path.GetFileName(newest)}", cancellationToken);
                    }
                }

                if (parse.GetValue(once))
                {
                    return alerted ? ExitCodes.Alert : ExitCodes.Success;
                }

                await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(interval))), cancellationToken);
            }
        });
        return command;
    }

    /// <summary>Runs the pipeline on <paramref name="file"/> and lets the gates decide between challenger and champion.</summary>
    private static async Task RetrainAsync(CliContext context, IPipelineDefinition definition, string store, string file, string why, CancellationToken cancellationToken)
    {
        context.Out.WriteLine($"== retraining {definition.Name}: {why}");
        var result = await definition.RunAsync(
            new PipelineRunOptions { StorePath = store, SourceOverrides = new Dictionary<string, string> { [definition.DatasetName] = file } },
            observer: null,
            cancellationToken);
        using var registry = PipelineStore.Open(store);
        var champion = registry.GetStageVersion(definition.Name, ModelStages.Production);
        if (result.ModelVersion is not { } version)
        {
            context.Out.WriteLine($"retraining did not register a version ({result.Status}): {result.Message}; champion v{champion?.Version} stays");
            return;
        }

        if (result.Status == PipelineRunStatus.Succeeded)
        {
            var promoted = registry.Promote(definition.Name, version, ModelStages.Production, Actor, $"{Actor}: {why}; every gate passed");
            context.Out.WriteLine($"promoted {definition.Name} v{promoted.Version} to production (was v{champion?.Version}): every gate passed");
            return;
        }

        var failed = result.GateVerdicts.Where(v => !v.Passed).Select(v => v.Message).ToArray();
        var reason = $"kept v{champion?.Version}: v{version} retrained after {why} failed {failed.Length} gate rules: {string.Join("; ", failed)}";
        registry.RecordKeepDecision(definition.Name, version, Actor, reason);
        context.Out.WriteLine(reason);
    }

    private static string SeenFile(string store, string pipeline)
    {
        using var opened = PipelineStore.Open(store);
        var folder = Path.Combine(opened.Artifacts.StorePath, "watch");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, pipeline + ".seen");
    }
}
