using System.CommandLine;
using System.Globalization;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Hosting;

/// <summary><c>gc</c>: delete the artifacts that no model version, dataset version, cache entry or live run references.</summary>
internal static class GcCommand
{
    public static Command Create(CliContext context)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be deleted; delete nothing." };
        var dropCache = new Option<bool>("--drop-cache")
        {
            Description = "Also forget the step cache first (the next run computes every node), freeing the feature matrices and splits it kept.",
        };
        var json = CliOptions.Json();
        var command = new Command("gc", "Delete artifacts nothing references (and abandoned temporary files).") { dryRun, dropCache, json };
        command.SetAction(parse =>
        {
            using var store = StoreAccess.OpenExisting(CliOptions.StorePath(parse));
            if (store is null)
            {
                context.Out.WriteLine(parse.GetValue(json) ? "{\"deleted\":[],\"bytes\":0}" : "no store: nothing to collect");
                return ExitCodes.Success;
            }

            var dry = parse.GetValue(dryRun);
            var forgotten = parse.GetValue(dropCache) && !dry ? store.ClearNodeCache() : 0;
            var temps = dry ? 0 : store.Artifacts.RemoveAbandonedTempFiles();
            var (hashes, bytes) = store.RemoveUnreferencedArtifacts(dryRun: dry);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonOutput.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("dryRun", dry);
                    w.WriteNumber("bytes", bytes);
                    w.WriteNumber("cacheEntriesDropped", forgotten);
                    w.WriteNumber("tempFilesRemoved", temps);
                    w.WriteStartArray("deleted");
                    foreach (var hash in hashes)
                    {
                        w.WriteStringValue(hash);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }));
            }
            else
            {
                var verb = dry ? "would delete" : "deleted";
                context.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{verb} {hashes.Count} unreferenced artifact(s), {bytes / 1024.0:0.#} KiB; {temps} abandoned temp file(s) removed; {forgotten} cache entr(ies) dropped"));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
