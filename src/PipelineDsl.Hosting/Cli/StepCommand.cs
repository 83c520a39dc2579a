using System.CommandLine;
using Microsoft.Extensions.Logging;
using PipelineDsl.Runtime.Execution;
using Spectre.Console;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>step NODE</c>: runs one node of the DAG, the unit a container executes. Its ancestors are restored from the step
/// cache (earlier steps, or an earlier run), it runs and is cached as in a run, and no other node runs.
/// </summary>
internal static class StepCommand
{
    public static Command Create(CliContext context)
    {
        var node = new Argument<string>("node") { Description = "The node to run, e.g. train:ChurnModel (see plan)." };
        var pipeline = CliOptions.Pipeline();
        var source = new Option<string[]>("--source")
        {
            Description = "Point a dataset at another file: NAME=PATH (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var run = new Option<string?>("--run")
        {
            Description = "Join the run with this id (created by the first step): the steps of one run share it; it ends when its last node completes.",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Run the node even when the step cache holds its output.",
        };
        var nodeTimeout = new Option<TimeSpan?>("--node-timeout")
        {
            Description = "Fail the node if still running after this long (hh:mm:ss).",
        };
        var command = new Command("step", "Run one node of the DAG (what a container executes): its ancestors must be in the step cache, and are restored.")
        {
            node, pipeline, source, run, force, nodeTimeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var definition = context.Catalog.Resolve(parse.GetValue(pipeline));
            var nodeId = parse.GetValue(node)!;
            if (!definition.Graph.Nodes.Any(n => n.Id == nodeId))
            {
                throw new CliUsageException($"Pipeline '{definition.Name}' has no node '{nodeId}'. Its nodes: {string.Join(", ", definition.Graph.TopologicalOrder)}.");
            }

            var runId = parse.GetValue(run);
            if (runId is not null && (runId.Length == 0 || runId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
            {
                throw new CliUsageException($"--run expects a run id (letters, digits, '-', '_', '.'), got '{runId}'.");
            }

            var options = new PipelineRunOptions
            {
                StorePath = CliOptions.StorePath(parse),
                SourceOverrides = SourceOverrides.Parse(parse.GetValue(source), definition),
                Force = parse.GetValue(force),
                NodeTimeout = parse.GetValue(nodeTimeout),
                OnlyNode = nodeId,
                RunId = runId,
            };

            // One line per node event, as `run` prints them without a terminal: what an executor streams.
            var observer = new NodeProgressObserver(context.LoggerFactory.CreateLogger("PipelineDsl.Step"), context.Console, null, definition.Graph.TopologicalOrder);
            var result = await definition.RunAsync(options, observer, cancellationToken);
            if (result.Status == PipelineRunStatus.Running)
            {
                context.Console.MarkupLine($"[grey]run {Markup.Escape(result.RunId)} goes on: its other nodes are other steps[/]");
                return ExitCodes.Success;
            }

            return RunCommand.Report(context, definition, result);
        });
        return command;
    }
}
