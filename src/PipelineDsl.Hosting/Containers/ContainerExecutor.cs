using System.Diagnostics;
using System.Reflection;
using PipelineDsl.Docker;
using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Training;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace PipelineDsl.Hosting.Containers;

/// <summary>
/// <c>run --executor docker</c>: runs every node of the DAG in its own container through the Docker Engine API (Docker
/// or Podman's compatible service, from <c>DOCKER_HOST</c>). The image is this app published self-contained for
/// linux-x64 on a locally built base image, built once per content hash. Each container runs <c>step NODE --run ID</c>
/// against the same store, mounted at the same path, so the nodes of one run share it exactly as in-process nodes
/// do; their log lines stream to this console, a non-zero exit fails the run with the container's log tail, and
/// cancelling (Ctrl+C) stops the running container. With a placement, only the nodes it picks run in containers and
/// the rest run here, each as a step of the same run (how a deep-training node whose library cannot load in this
/// process is trained in a container while everything else stays in-process).
/// </summary>
internal sealed class ContainerExecutor(CliContext context, IPipelineDefinition definition, ContainerExecutorOptions options)
{
    private readonly IAnsiConsole console = context.Console;

    /// <summary>Runs the pipeline; <paramref name="inContainer"/> picks the nodes that run in containers (all when null).</summary>
    public async Task<int> RunAsync(PipelineRunOptions run, CancellationToken cancellationToken, Func<Runtime.Graph.PipelineNode, bool>? inContainer = null)
    {
        using var engine = ContainerEngine.Connect(options.EngineAddress);
        if (await engine.IsAvailableAsync(TimeSpan.FromSeconds(15), cancellationToken) is { } unavailable)
        {
            throw new CliUsageException($"--executor docker needs a container engine: {unavailable}.");
        }

        var image = options.Image ?? await BuildImageAsync(engine, cancellationToken);
        if (options.Image is not null && !await new ImageBuilder(engine).ExistsAsync(image, cancellationToken))
        {
            throw new CliUsageException($"The image '{image}' is not on the container engine at {engine.Address}.");
        }

        string runId;
        using (var store = PipelineStore.Open(run.StorePath))
        {
            runId = store.CreateRun(definition.Name);
        }

        console.MarkupLine($"[bold]pipeline[/] {Markup.Escape(definition.Name)}  [grey]store: {Markup.Escape(PipelineStore.Describe(run.StorePath))}  image: {Markup.Escape(image)}  run {Markup.Escape(runId)}[/]");
        var runner = new ContainerRun(engine, line => WritePlain(line, Color.Grey));
        var mounts = ContainerMounts.For(
            Environment.CurrentDirectory,
            PipelineStore.IsServerLocation(run.StorePath) ? null : run.StorePath,
            run.SourceOverrides.Values.Where(Path.IsPathRooted));
        var user = HostUser.ContainerUser();
        var here = new NodeProgressObserver(context.LoggerFactory.CreateLogger("PipelineDsl.Run"), console, null, definition.Graph.TopologicalOrder);
        foreach (var nodeId in definition.Graph.TopologicalOrder)
        {
            var node = definition.Graph.Nodes.First(n => n.Id == nodeId);
            if (inContainer is not null && !inContainer(node))
            {
                PipelineRunResult step;
                try
                {
                    step = await definition.RunAsync(run with { OnlyNode = nodeId, RunId = runId }, here, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    step = new PipelineRunResult(runId, PipelineRunStatus.Cancelled, new Dictionary<string, double>(), null, "The run was cancelled.");
                }

                if (step.Status == PipelineRunStatus.Running)
                {
                    continue;
                }

                // The step ended the run: it was the last node, or it failed (a cancelled step may leave it open).
                if (!IsFinished(run.StorePath, runId))
                {
                    Finish(run.StorePath, runId, step.Status, step.Message);
                }

                return Report(run.StorePath, runId);
            }

            var gpu = TrainerResources.Trains(node.Kind) && TrainerResources.RequiresGpu(definition.Model) ? GpuRequest.All : null;
            var environment = new Dictionary<string, string>
            {
                ["HOME"] = "/tmp",
                ["NO_COLOR"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["PIPELINEDSL_EXECUTOR"] = "container",
            };
            if (Environment.GetEnvironmentVariable(Failpoints.EnvironmentVariable) is { Length: > 0 } failpoints)
            {
                // Fault injection reaches the nodes where they run (crash-safety tests of the container path).
                environment[Failpoints.EnvironmentVariable] = failpoints;
            }

            var spec = new ContainerRunSpec
            {
                Image = image,
                Command = StepArguments(nodeId, runId, run),
                Binds = mounts,
                WorkingDirectory = Environment.CurrentDirectory,
                User = user,
                Gpus = gpu,
                Environment = environment,
            };

            console.MarkupLine($"node [bold]{Markup.Escape(nodeId)}[/]: starting in a container");
            var clock = Stopwatch.StartNew();
            ContainerRunResult result;
            try
            {
                result = await runner.RunAsync(spec, line => WritePlain($"  {nodeId} | {line.Text}"), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Finish(run.StorePath, runId, PipelineRunStatus.Cancelled, $"The run was cancelled while node {nodeId} ran in a container (stopped).");
                console.MarkupLine("[yellow]cancelled[/]: the running container was stopped");
                return ExitCodes.Cancelled;
            }

            console.MarkupLine($"node [bold]{Markup.Escape(nodeId)}[/]: container exited in {clock.Elapsed.TotalSeconds:0.0} s, {Markup.Escape(result.Describe())}");
            if (!result.Succeeded)
            {
                return ReportFailure(run.StorePath, runId, nodeId, result);
            }
        }

        return Report(run.StorePath, runId);
    }

    /// <summary>
    /// Writes a line as it is: text from a container is not markup, and neither brackets nor <c>:name:</c> pairs (an
    /// emoji code to markup, e.g. in <c>node:train:ChurnModel</c>) may change it.
    /// </summary>
    private void WritePlain(string text, Color? color = null) =>
        console.Write(new Text(text + Environment.NewLine, color is { } c ? new Style(c) : Style.Plain));

    /// <summary>The container's argv: the <c>step</c> verb for one node of the shared run, with the run's own options.</summary>
    internal IReadOnlyList<string> StepArguments(string nodeId, string runId, PipelineRunOptions run)
    {
        var arguments = new List<string> { "step", nodeId, "--pipeline", definition.Name, "--run", runId, "--store", run.StorePath };
        foreach (var (dataset, path) in run.SourceOverrides)
        {
            arguments.Add("--source");
            arguments.Add($"{dataset}={path}");
        }

        if (run.Force)
        {
            arguments.Add("--force");
        }

        if (run.NodeTimeout is { } timeout)
        {
            arguments.Add("--node-timeout");
            arguments.Add(timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }

        return arguments;
    }

    private async Task<string> BuildImageAsync(ContainerEngine engine, CancellationToken cancellationToken)
    {
        var entry = Assembly.GetEntryAssembly()?.GetName().Name
            ?? throw new CliUsageException("--executor docker cannot tell which app to put in the image (no entry assembly): pass --image.");
        string publish;
        if (AppImage.IsSelfContainedLinux(AppContext.BaseDirectory))
        {
            publish = AppContext.BaseDirectory;
            console.MarkupLine($"[grey]image: this app is already a self-contained linux-x64 publish ({Markup.Escape(publish)})[/]");
        }
        else
        {
            var project = options.ProjectPath is { } given ? Path.GetFullPath(given) : AppImage.FindProject(AppContext.BaseDirectory, entry)
                ?? throw new CliUsageException($"--executor docker publishes the app's project into an image, but no {entry}.csproj was found above {AppContext.BaseDirectory}: pass --project PATH or --image TAG.");
            publish = Path.Combine(Path.GetDirectoryName(project)!, "bin", "container", AppImage.RuntimeIdentifier);
            console.MarkupLine($"image: publishing {Markup.Escape(project)} self-contained for {AppImage.RuntimeIdentifier}");
            var clock = Stopwatch.StartNew();
            await AppImage.PublishAsync(project, publish, log: null, cancellationToken);
            console.MarkupLine($"[grey]image: published in {clock.Elapsed.TotalSeconds:0.0} s to {Markup.Escape(publish)}[/]");
        }

        var build = Stopwatch.StartNew();
        var image = await AppImage.BuildAsync(engine, publish, entry, options.BaseImage, log: null, cancellationToken);
        console.MarkupLine(image.Built
            ? $"image: built {Markup.Escape(image.Tag)} in {build.Elapsed.TotalSeconds:0.0} s"
            : $"[grey]image: {Markup.Escape(image.Tag)} is present (same content hash), not rebuilt[/]");
        return image.Tag;
    }

    /// <summary>A container that failed: the run ends failed (unless the step already ended it) with the container's log tail.</summary>
    private int ReportFailure(string storePath, string runId, string nodeId, ContainerRunResult result)
    {
        using (var store = PipelineStore.Open(storePath))
        {
            if (store.GetRun(runId) is { Run.Status: "running" })
            {
                var tail = string.Join(Environment.NewLine, result.Tail.Select(line => line.Text));
                store.FinishRun(runId, PipelineRunStatusNames.Of(PipelineRunStatus.Failed), $"Node {nodeId} failed in its container ({result.Describe()}). Log tail:{Environment.NewLine}{tail}");
            }
        }

        return Report(storePath, runId);
    }

    private static bool IsFinished(string storePath, string runId)
    {
        using var store = PipelineStore.Open(storePath);
        return store.GetRun(runId) is { Run.Status: not "running" };
    }

    private static void Finish(string storePath, string runId, PipelineRunStatus status, string message)
    {
        using var store = PipelineStore.Open(storePath);
        store.FinishRun(runId, PipelineRunStatusNames.Of(status), message);
    }

    /// <summary>Reports the run as the store holds it once its containers are done, as an in-process run is reported.</summary>
    private int Report(string storePath, string runId)
    {
        RunDetails details;
        int? version;
        using (var store = PipelineStore.Open(storePath))
        {
            details = store.GetRun(runId) ?? throw new InvalidOperationException($"Run {runId} is not in the store.");
            version = store.ListModelVersions(definition.Name).FirstOrDefault(v => v.RunId == runId)?.Version;
        }

        foreach (var gate in details.Gates)
        {
            console.MarkupLine($"gate {(gate.Passed ? "[green]passed[/]" : "[red]FAILED[/]")} {Markup.Escape(gate.Rule)} (value {gate.Value:0.####})");
        }

        var status = details.Run.Status == "running" ? PipelineRunStatus.Failed : PipelineRunStatusNames.Parse(details.Run.Status);
        var result = new PipelineRunResult(
            runId,
            status,
            details.Metrics.Where(m => m.Step == 0).GroupBy(m => m.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
            version,
            details.Run.Message ?? (details.Run.Status == "running" ? "The run did not finish: a container ended without completing it." : string.Empty))
        {
            CachedNodes = details.Nodes.Count(n => n.Status == "cached"),
        };
        return RunCommand.Report(context, definition, result);
    }
}
