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
        var command = new Command("run", "Run the pipeline end to end and register the model if it passes its gates.") { pipeline, source };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var definition = context.Catalog.Resolve(parse.GetValue(pipeline));
            var options = new PipelineRunOptions
            {
                StorePath = CliOptions.StorePath(parse),
                SourceOverrides = SourceOverrides.Parse(parse.GetValue(source)),
            };
            var unknown = options.SourceOverrides.Keys.FirstOrDefault(k => !definition.DatasetNames.Contains(k, StringComparer.OrdinalIgnoreCase));
            if (unknown is not null)
            {
                throw new CliUsageException($"--source names dataset '{unknown}', but pipeline '{definition.Name}' reads {string.Join(", ", definition.DatasetNames.Select(n => $"'{n}'"))}.");
            }

            return await RunAsync(context, definition, options, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, IPipelineDefinition definition, PipelineRunOptions options, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var logger = context.LoggerFactory.CreateLogger("PipelineDsl.Run");
        console.MarkupLine($"[bold]pipeline[/] {Markup.Escape(definition.Name)}  [grey]store: {Markup.Escape(options.StorePath)}[/]");

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

    private static int Report(CliContext context, IPipelineDefinition definition, PipelineRunResult result)
    {
        var console = context.Console;
        if (result.Metrics.Count > 0)
        {
            console.MarkupLine("[bold]holdout metrics[/] " + Markup.Escape(string.Join("  ", result.Metrics.Select(m => $"{m.Key}={m.Value:0.####}"))));
        }

        foreach (var verdict in result.GateVerdicts)
        {
            console.MarkupLine($"gate {(verdict.Passed ? "[green]passed[/]" : "[red]FAILED[/]")} {Markup.Escape(verdict.Message)}");
        }

        switch (result.Status)
        {
            case PipelineRunStatus.Succeeded:
                console.MarkupLine($"[green]registered[/] {Markup.Escape(definition.Name)} v{result.ModelVersion}  [grey]run {Markup.Escape(result.RunId)}[/]");
                console.MarkupLine("next: [bold]dotnet run -- models[/] to list versions, [bold]dotnet run -- runs[/] for experiments");
                return ExitCodes.Success;
            case PipelineRunStatus.FailedValidation:
                console.MarkupLine("[red]validation failed[/]: nothing was trained or registered");
                context.Out.WriteLine(result.Message);
                return ExitCodes.ValidationFailed;
            case PipelineRunStatus.FailedGate:
                console.MarkupLine($"[red]gate failed[/]: the model was not registered. {Markup.Escape(result.Message)}");
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
}
