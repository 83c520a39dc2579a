using System.CommandLine;
using System.Globalization;
using PipelineDsl.Runtime.Store;
using Spectre.Console;

namespace PipelineDsl.Hosting;

/// <summary><c>models</c>: registered model versions with their metrics and lineage.</summary>
internal static class ModelsCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Option<string?>("--name") { Description = "Only versions of this model (pipeline) name." };
        var json = CliOptions.Json();
        var command = new Command("models", "List registered model versions with metrics and lineage.") { name, json };
        command.SetAction(parse =>
        {
            using var store = StoreAccess.OpenExisting(CliOptions.StorePath(parse));
            var versions = store?.ListModelVersions(parse.GetValue(name)) ?? [];
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonOutput.Write(w => WriteJson(w, versions)));
                return ExitCodes.Success;
            }

            if (versions.Count == 0)
            {
                context.Out.WriteLine("no registered models yet: run `dotnet run -- run` first");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("model", "version", "stage", "gates", "created (UTC)", "metrics", "data", "features");
            foreach (var v in versions)
            {
                table.AddRow(
                    Markup.Escape(v.Name),
                    v.Version.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(v.Stage),
                    v.GatesPassed ? "[green]passed[/]" : "[red]failed[/]",
                    v.CreatedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(" ", v.Metrics.Where(m => !m.Key.Contains('.', StringComparison.Ordinal)).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value:0.####}"))),
                    Markup.Escape(Short(v.Lineage.GetValueOrDefault("data_hash"))),
                    Markup.Escape(Short(v.Lineage.GetValueOrDefault("feature_set_hash"))));
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static string Short(string? hash) => hash is null ? "-" : hash[..Math.Min(12, hash.Length)];

    private static void WriteJson(System.Text.Json.Utf8JsonWriter w, IReadOnlyList<ModelVersionRecord> versions)
    {
        w.WriteStartArray();
        foreach (var v in versions)
        {
            w.WriteStartObject();
            w.WriteString("name", v.Name);
            w.WriteNumber("version", v.Version);
            w.WriteString("stage", v.Stage);
            w.WriteBoolean("gatesPassed", v.GatesPassed);
            w.WriteString("runId", v.RunId);
            w.WriteString("createdUtc", v.CreatedUtc.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("artifactHash", v.ArtifactHash);
            JsonOutput.WriteObject(w, "metrics", v.Metrics);
            JsonOutput.WriteObject(w, "lineage", v.Lineage);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
