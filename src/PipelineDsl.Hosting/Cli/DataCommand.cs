using System.CommandLine;

namespace PipelineDsl.Hosting;

/// <summary><c>data</c>: the dataset versions the store holds (<c>data log</c>) and what changed between two (<c>data diff</c>).</summary>
internal static class DataCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("data", "Inspect dataset versions: `log` lists them, `diff V1 V2` compares two (schema, rows, column statistics).");
        command.Subcommands.Add(DataLogCommand.Create(context));
        command.Subcommands.Add(DataDiffCommand.Create(context));
        return command;
    }
}
