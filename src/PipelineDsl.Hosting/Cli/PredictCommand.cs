using System.CommandLine;
using System.Globalization;
using PipelineDsl.Runtime.Prediction;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>predict</c>: scores the rows of a CSV file in-process with a registered version, through the same
/// generated feature code training used.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CliContext context)
    {
        var pipeline = CliOptions.Pipeline();
        var input = new Option<string>("--input", "-i") { Description = "CSV file with the dataset's columns.", Required = true };
        var version = new Option<int?>("--version") { Description = "Model version (default: the production version, else the latest)." };
        var json = CliOptions.Json();
        var command = new Command("predict", "Predict the rows of a CSV file with a registered model version.") { pipeline, input, version, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var definition = context.Catalog.Resolve(parse.GetValue(pipeline));
            var result = await definition.PredictCsvAsync(
                CliOptions.StorePath(parse),
                parse.GetValue(version),
                Path.GetFullPath(parse.GetValue(input)!),
                cancellationToken);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonOutput.Write(w => WriteJson(w, result)));
            }
            else
            {
                context.Out.WriteLine($"# {result.ModelName} v{result.ModelVersion}: {result.Rows.Count} rows from {result.Path}");
                context.Out.WriteLine("line,score,probability,predicted_label");
                foreach (var row in result.Rows)
                {
                    var p = row.Prediction;
                    context.Out.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{row.Line},{p.Score:R},{(p.Probability is { } pr ? pr.ToString("R", CultureInfo.InvariantCulture) : "")},{(p.PredictedLabel is { } l ? (l ? "true" : "false") : "")}"));
                }
            }

            if (!result.Errors.IsEmpty)
            {
                context.Out.WriteLine("rows left out because of bad cells:");
                context.Out.WriteLine(result.Errors.Format());
                return ExitCodes.ValidationFailed;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteJson(System.Text.Json.Utf8JsonWriter w, CsvPredictionResult result)
    {
        w.WriteStartObject();
        w.WriteString("model", result.ModelName);
        w.WriteNumber("version", result.ModelVersion);
        w.WriteString("input", result.Path);
        w.WriteStartArray("predictions");
        foreach (var row in result.Rows)
        {
            w.WriteStartObject();
            w.WriteNumber("line", row.Line);
            JsonOutput.WriteNumber(w, "score", row.Prediction.Score);
            if (row.Prediction.Probability is { } probability)
            {
                JsonOutput.WriteNumber(w, "probability", probability);
            }

            if (row.Prediction.PredictedLabel is { } label)
            {
                w.WriteBoolean("predictedLabel", label);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("errorCount", result.Errors.TotalCount);
        w.WriteEndObject();
    }
}
