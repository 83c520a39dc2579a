using System.CommandLine;
using System.Globalization;
using PipelineDsl.Runtime.Execution;
using Spectre.Console;

namespace PipelineDsl.Hosting;

/// <summary><c>reproduce NAME VERSION</c>: rebuild a version from its lineage and check that the metrics match exactly.</summary>
internal static class ReproduceCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The model (pipeline) name." };
        var version = new Argument<int>("version") { Description = "The version to rebuild." };
        var json = CliOptions.Json();
        var command = new Command(
            "reproduce",
            "Retrain a registered version from its lineage (data snapshots, code, seed) in a scratch store and compare its metrics exactly.")
        {
            name, version, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var definition = context.Catalog.Resolve(parse.GetValue(name));
            var storePath = CliOptions.StorePath(parse);
            if (!Runtime.Store.PipelineStore.Exists(storePath))
            {
                throw new InvalidOperationException($"No store at {storePath}: run the pipeline first.");
            }

            var result = await definition.ReproduceAsync(storePath, parse.GetValue(version), observer: null, cancellationToken);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonOutput.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("name", result.Pipeline);
                    w.WriteNumber("version", result.Version);
                    w.WriteBoolean("metricsMatch", result.MetricsMatch);
                    w.WriteBoolean("modelIdentical", result.ModelIdentical);
                    JsonOutput.WriteObject(w, "registered", result.Registered);
                    JsonOutput.WriteObject(w, "reproduced", result.Reproduced);
                    w.WriteEndObject();
                }));
            }
            else
            {
                var table = new Table().AddColumns("metric", "registered", "reproduced", "same");
                foreach (var (metric, registered, reproduced, same) in result.Comparison)
                {
                    table.AddRow(
                        Markup.Escape(metric),
                        registered.ToString("R", CultureInfo.InvariantCulture),
                        reproduced.ToString("R", CultureInfo.InvariantCulture),
                        same ? "[green]yes[/]" : ReproductionResult.TimingMetrics.Contains(metric) ? "[grey]timing, not compared[/]" : "[red]NO[/]");
                }

                context.Console.Write(table);
                context.Console.MarkupLine(result.MetricsMatch
                    ? $"[green]reproduced[/] {Markup.Escape(result.Pipeline)} v{result.Version}: every metric identical"
                      + (result.Comparison.Any(c => ReproductionResult.TimingMetrics.Contains(c.Metric)) ? " (timings not compared)" : string.Empty)
                      + $"; model bytes {(result.ModelIdentical ? "identical" : "differ (same metrics)")}"
                    : $"[red]not reproduced[/] {Markup.Escape(result.Pipeline)} v{result.Version}: metrics differ");
            }

            return result.MetricsMatch ? ExitCodes.Success : ExitCodes.NotReproduced;
        });
        return command;
    }
}
