using System.CommandLine;
using System.Globalization;
using PipelineDsl.Runtime.Store;
using Spectre.Console;

namespace PipelineDsl.Hosting;

/// <summary><c>data log</c>: dataset versions, newest first, with rows, columns, when first stored and the source file.</summary>
internal static class DataLogCommand
{
    public static Command Create(CliContext context)
    {
        var dataset = new Option<string?>("--dataset") { Description = "Only versions of this dataset." };
        var json = CliOptions.Json();
        var command = new Command("log", "List dataset versions, newest first: hash, dataset, rows, columns, when first stored, source file.") { dataset, json };
        command.SetAction(parse =>
        {
            using var store = StoreAccess.OpenExisting(CliOptions.StorePath(parse));
            var versions = store is null
                ? []
                : store.ListDatasetVersions(parse.GetValue(dataset)).Select(v => (Version: v, Columns: store.GetDatasetProfile(v.Hash)?.Schema.Count)).ToArray();
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonOutput.Write(w =>
                {
                    w.WriteStartArray();
                    foreach (var (version, columns) in versions)
                    {
                        w.WriteStartObject();
                        w.WriteString("hash", version.Hash);
                        w.WriteString("shortHash", ModelsCommand.Short(version.Hash));
                        w.WriteString("dataset", version.Dataset);
                        w.WriteNumber("rows", version.Rows);
                        if (columns is { } count)
                        {
                            w.WriteNumber("columns", count);
                        }
                        else
                        {
                            w.WriteNull("columns");
                        }

                        w.WriteString("createdUtc", version.CreatedUtc.ToString("O", CultureInfo.InvariantCulture));
                        w.WriteString("sourcePath", version.SourcePath);
                        w.WriteString("schemaHash", version.SchemaHash);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }));
                return ExitCodes.Success;
            }

            if (versions.Length == 0)
            {
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("version", "dataset", "rows", "columns", "created (UTC)", "source");
            foreach (var (version, columns) in versions)
            {
                table.AddRow(
                    Markup.Escape(ModelsCommand.Short(version.Hash)),
                    Markup.Escape(version.Dataset),
                    version.Rows.ToString(CultureInfo.InvariantCulture),
                    columns?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    version.CreatedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(version.SourcePath));
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
