using System.CommandLine;

namespace PipelineDsl.Hosting;

/// <summary><c>export</c>: writes what runs the pipeline elsewhere (<c>export serving</c>: a serving project with its Dockerfile).</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("export", "Write projects and manifests that run this pipeline elsewhere.");
        command.Subcommands.Add(ExportServingCommand.Create(context));
        return command;
    }
}
