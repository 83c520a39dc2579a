using System.CommandLine;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>report RUN_ID [--out DIR]</c>: writes the HTML report of a run (a run id or a unique prefix of one) to
/// <c>run-report-RUNID.html</c>, in <c>{store}/reports/</c> by default, and prints its path.
/// </summary>
internal static class ReportCommand
{
    /// <summary>How many candidates an ambiguous prefix lists.</summary>

    public static Command Create(CliContext context)
    {
        var runId = new Argument<string>("run-id") { Description = "The run: its id or a unique prefix of it (see `runs`)." };
        var output = CardCommand.OutOption("Folder the report is written to (default: the store's reports/ folder).");
        var command = new Command(
            "report",
            "Write the HTML report of a run: nodes, params, metrics, gate verdicts and, when it registered a version, holdout plots and feature importance.")
        {
            runId, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var storePath = CliOptions.StorePath(parse);
            RunRecord run;
            using (var store = StoreAccess.OpenExisting(storePath)
                ?? throw new CliUsageException($"no store at {storePath}: there are no runs to report; run `dotnet run -- run` first."))
            {
                run = RunsCompareCommand.Load(store, "id", parse.GetValue(runId)).Run;
            }

            var definition = context.Catalog.Pipelines.FirstOrDefault(p => string.Equals(p.Name, run.Pipeline, StringComparison.Ordinal))
                ?? throw new CliUsageException(
                    $"run {run.Id} is a run of pipeline '{run.Pipeline}', which this application does not declare (it declares {string.Join(", ", context.Catalog.Pipelines.Select(p => p.Name))}).");
            var html = await definition.RenderRunReportAsync(storePath, run.Id, cancellationToken);
            var path = Path.Combine(CardCommand.OutputFolder(parse.GetValue(output), storePath), $"run-report-{CardCommand.FileNamePart(run.Id)}.html");
            CardCommand.WriteAtomically(path, html);
            context.Out.WriteLine(path);
            return ExitCodes.Success;
        });
        return command;
    }
}
