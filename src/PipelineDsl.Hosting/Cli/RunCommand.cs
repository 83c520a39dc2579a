using System.CommandLine;
using Microsoft.Extensions.Logging;
using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Execution;
using Spectre.Console;

namespace PipelineDsl.Hosting;

/// <summary><c>run</c>: ingest, validate, snapshot, features, split, train, evaluate, gate, register.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var pipeline = CliOptions.Pipeline();
        var source = new Option<string[]>("--source")
        {
            Description = "Point a dataset at another file: NAME=PATH (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var force = new Option<bool>("--force")
        {
            Description = "Run every node, even those whose code, config and inputs are unchanged since a run that cached them.",
        };
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue the pipeline's interrupted run (its process died): completed nodes are restored, the rest run.",
        };
        var nodeTimeout = new Option<TimeSpan?>("--node-timeout")
        {
            Description = "Fail a node still running after this long (hh:mm:ss), e.g. 00:30:00.",
        };
        var json = CliOptions.Json();
        var executor = new Option<string>("--executor")
        {
            Description = "Where nodes run: inprocess (this process), or docker (each node in its own container, through the Docker Engine API at DOCKER_HOST).",
            DefaultValueFactory = _ => "inprocess",
        };
        executor.AcceptOnlyFromAmong("inprocess", "docker");
        var image = new Option<string?>("--image")
        {
            Description = "With --executor docker: run the nodes in this image (the app at /app) instead of publishing and building one.",
        };
        var project = new Option<string?>("--project")
        {
            Description = "With --executor docker: the project to publish into the node image (default: the app's own, found above its folder).",
        };
        var baseImage = new Option<string>("--base-image")
        {
            Description = "With --executor docker: the local base image the node image is built on.",
            DefaultValueFactory = _ => Docker.AppImage.DefaultBaseImage,
        };
        var command = new Command("run", "Run the pipeline end to end; nodes whose code, config and inputs did not change are restored from the cache.")
        {
            pipeline, source, force, resume, nodeTimeout, json, executor, image, project, baseImage,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var definition = context.Catalog.Resolve(parse.GetValue(pipeline));
            var storePath = CliOptions.StorePath(parse);
            string? resumeRunId = null;
            if (parse.GetValue(resume))
            {
                using var store = StoreAccess.OpenExisting(storePath);
                resumeRunId = store?.FindInterruptedRun(definition.Name)?.Id
                    ?? throw new CliUsageException($"Pipeline '{definition.Name}' has no interrupted run to resume in {Runtime.Store.PipelineStore.Describe(storePath)}.");
            }

            var options = new PipelineRunOptions
            {
                StorePath = storePath,
                SourceOverrides = SourceOverrides.Parse(parse.GetValue(source), definition),
                Force = parse.GetValue(force),
                ResumeRunId = resumeRunId,
                NodeTimeout = parse.GetValue(nodeTimeout),
            };
            var containers = new Containers.ContainerExecutorOptions
            {
                Image = parse.GetValue(image),
                ProjectPath = parse.GetValue(project),
                BaseImage = parse.GetValue(baseImage)!,
            };
            var allInContainers = parse.GetValue(executor) == "docker";
            var trainingElsewhere = allInContainers ? null : TrainingCannotRunHere(definition);
            if (allInContainers || trainingElsewhere is not null)
            {
                if (resumeRunId is not null || parse.GetValue(json))
                {
                    throw new CliUsageException((trainingElsewhere is null ? "--executor docker" : $"This pipeline's training runs in a container ({trainingElsewhere})")
                        + " and does not combine with --resume or --json yet: each container is a step of one new run.");
                }

                if (trainingElsewhere is null)
                {
                    return await new Containers.ContainerExecutor(context, definition, containers).RunAsync(options, cancellationToken);
                }

                context.Console.MarkupLine($"[yellow]{Markup.Escape(definition.Model.Trainer.ToString())}[/] cannot train in this process: {Markup.Escape(trainingElsewhere)}. Its training runs in a container; every other node runs here.");
                return await new Containers.ContainerExecutor(context, definition, containers)
                    .RunAsync(options, cancellationToken, node => Runtime.Training.TrainerResources.Trains(node.Kind));
            }

            return await RunAsync(context, definition, options, parse.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, IPipelineDefinition definition, PipelineRunOptions options, bool json, CancellationToken cancellationToken)
    {
        var console = context.Console;
        if (json)
        {
            // Machine-readable: no progress, no console lines; the run as `runs --json` shows it, plus the exit code.
            var quiet = await definition.RunAsync(options, observer: null, cancellationToken);
            using var store = Runtime.Store.PipelineStore.Open(options.StorePath);
            var details = store.GetRun(quiet.RunId)!;
            var code = ExitCodeOf(quiet.Status);
            context.Out.WriteLine(JsonOutput.Write(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("exitCode", code);
                if (quiet.ModelVersion is { } registered)
                {
                    w.WriteNumber("modelVersion", registered);
                }

                w.WritePropertyName("run");
                RunsCommand.WriteRun(w, details);
                w.WriteEndObject();
            }));
            return code;
        }

        var logger = context.LoggerFactory.CreateLogger("PipelineDsl.Run");
        console.MarkupLine($"[bold]pipeline[/] {Markup.Escape(definition.Name)}  [grey]store: {Markup.Escape(Runtime.Store.PipelineStore.Describe(options.StorePath))}[/]");

        PipelineRunResult result;
        if (console.Profile.Capabilities.Interactive)
        {
            result = await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var observer = new NodeProgressObserver(logger, console, progress, definition.Graph.TopologicalOrder);
                    observer.CreateBars();
                    return await definition.RunAsync(options, observer, cancellationToken);
                });
        }
        else
        {
            var observer = new NodeProgressObserver(logger, console, null, definition.Graph.TopologicalOrder);
            result = await definition.RunAsync(options, observer, cancellationToken);
        }

        return Report(context, definition, result);
    }

    /// <summary>
    /// Why the model's trainer cannot fit here although its package is referenced (its native library does not load
    /// in this process, e.g. TorchSharp on an older libstdc++), or null: then the training node goes to a container. A
    /// missing package is not routed (the container runs the same app): the train node fails saying which to add.
    /// </summary>
    private static string? TrainingCannotRunHere(IPipelineDefinition definition)
    {
        try
        {
            return Runtime.Training.ExternalTrainers.Resolve(definition.Model.Trainer)?.UnavailableReason;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Prints how a run ended (metrics, gate verdicts, the outcome) and returns its exit code.</summary>
    internal static int Report(CliContext context, IPipelineDefinition definition, PipelineRunResult result)
    {
        var console = context.Console;
        if (result.Metrics.Count > 0)
        {
            // The headline metrics; slice, fairness, join and backtest details (dotted names) are in `runs --json`.
            var headline = result.Metrics.Where(m => !m.Key.Contains('.', StringComparison.Ordinal)).ToArray();
            var details = result.Metrics.Count - headline.Length;
            console.MarkupLine("[bold]holdout metrics[/] " + Markup.Escape(string.Join("  ", headline.Select(m => $"{m.Key}={m.Value:0.####}")))
                + (details > 0 ? $" [grey](+{details} slice, fairness, join or backtest metrics: runs --json)[/]" : string.Empty));
        }

        foreach (var verdict in result.GateVerdicts)
        {
            console.MarkupLine($"gate {(verdict.Passed ? "[green]passed[/]" : "[red]FAILED[/]")} {Markup.Escape(verdict.Message)}");
        }

        switch (result.Status)
        {
            case PipelineRunStatus.Succeeded when result.CachedNodes == definition.Graph.Nodes.Count:
                console.MarkupLine($"[blue]up to date[/]: every node cached (nothing changed since the run that computed them); {Markup.Escape(definition.Name)} v{result.ModelVersion} is current  [grey]run {Markup.Escape(result.RunId)}[/]");
                console.MarkupLine("next: [bold]dotnet run -- run --force[/] to recompute anyway, [bold]dotnet run -- runs[/] for experiments");
                return ExitCodes.Success;
            case PipelineRunStatus.Succeeded:
                var reused = result.CachedNodes > 0 ? $" ({result.CachedNodes} of {definition.Graph.Nodes.Count} nodes cached)" : string.Empty;
                console.MarkupLine($"[green]registered[/] {Markup.Escape(definition.Name)} v{result.ModelVersion}{reused}  [grey]run {Markup.Escape(result.RunId)}[/]");
                console.MarkupLine("next: [bold]dotnet run -- models[/] to list versions, [bold]dotnet run -- runs[/] for experiments");
                return ExitCodes.Success;
            case PipelineRunStatus.FailedValidation:
                console.MarkupLine("[red]validation failed[/]: nothing was trained or registered");
                context.Out.WriteLine(result.Message);
                return ExitCodes.ValidationFailed;
            case PipelineRunStatus.FailedGate:
                console.MarkupLine($"[red]gate failed[/]: {Markup.Escape(result.Message)}");
                return ExitCodes.GateFailed;
            case PipelineRunStatus.Cancelled:
                console.MarkupLine("[yellow]cancelled[/]");
                return ExitCodes.Cancelled;
            default:
                console.MarkupLine("[red]failed[/]");
                context.Out.WriteLine(result.Message);
                return ExitCodes.Failed;
        }
    }

    private static int ExitCodeOf(PipelineRunStatus status) => status switch
    {
        PipelineRunStatus.Succeeded => ExitCodes.Success,
        PipelineRunStatus.FailedValidation => ExitCodes.ValidationFailed,
        PipelineRunStatus.FailedGate => ExitCodes.GateFailed,
        PipelineRunStatus.Cancelled => ExitCodes.Cancelled,
        _ => ExitCodes.Failed,
    };
}
