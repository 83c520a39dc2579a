using System.CommandLine;

namespace PipelineDsl.Hosting;

/// <summary><c>export</c>: writes what runs the pipeline elsewhere (<c>export serving</c>: a serving project with its Dockerfile; <c>export argo</c>: an Argo
/// Workflows Workflow of the DAG; <c>export k8s</c>: a Deployment, Service and autoscaler for one deployment).</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("export", "Write projects and manifests that run this pipeline elsewhere.");
        command.Subcommands.Add(ExportServingCommand.Create(context));
        command.Subcommands.Add(ExportArgoCommand.Create(context));
        command.Subcommands.Add(ExportK8sCommand.Create(context));
        return command;
    }
}
