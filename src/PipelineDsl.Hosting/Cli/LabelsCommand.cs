using System.CommandLine;
using PipelineDsl.Runtime.Monitoring;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Hosting;

/// <summary><c>labels ingest FILE</c>: stores outcomes that arrived after the predictions, for <c>monitor</c> to join by prediction id.</summary>
internal static class LabelsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("labels", "Delayed outcomes: `ingest FILE` stores them for monitor to join to logged predictions.");
        var pipeline = CliOptions.Pipeline();
        var file = new Argument<string>("file") { Description = "CSV with prediction_id and label columns." };
        var log = new Option<string?>("--log") { Description = "Prediction log folder (default: predictions/<pipeline> in the store)." };
        var ingest = new Command("ingest", "Store delayed labels (prediction_id,label) beside the prediction log.") { pipeline, file, log };
        ingest.SetAction(parse =>
        {
            var definition = context.Catalog.Resolve(parse.GetValue(pipeline));
            string directory;
            using (var store = PipelineStore.Open(CliOptions.StorePath(parse)))
            {
                directory = parse.GetValue(log) is { } given ? Path.GetFullPath(given) : PipelineMonitor.DefaultLogDirectory(store, definition.Name);
            }

            var (stored, refused) = DelayedLabels.Ingest(directory, Path.GetFullPath(parse.GetValue(file)!));
            context.Out.WriteLine($"stored {stored} labels in {Path.Combine(directory, DelayedLabels.FileName)}");
            foreach (var line in refused.Take(20))
            {
                context.Out.WriteLine("refused: " + line);
            }

            return refused.Count == 0 ? ExitCodes.Success : ExitCodes.ValidationFailed;
        });
        command.Subcommands.Add(ingest);
        return command;
    }
}
