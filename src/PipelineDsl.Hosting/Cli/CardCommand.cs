using System.CommandLine;
using System.Globalization;
using System.Text;
using PipelineDsl.Runtime.Store;
using Spectre.Console;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>card NAME VERSION [--out DIR]</c>: writes the model card of a registered version as Markdown and as a
/// self-contained HTML page (<c>model-card-NAME-vVERSION.md</c> and <c>.html</c>, in <c>{store}/reports/</c> by
/// default) and prints their paths.
/// </summary>
internal static class CardCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The model (pipeline) name." };
        var version = new Argument<int>("version") { Description = "The version the card describes." };
        var output = OutOption("Folder the card is written to (default: the store's reports/ folder).");
        var command = new Command(
            "card",
            "Write the model card of a version (Markdown and self-contained HTML with holdout plots and feature importance).")
        {
            name, version, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var definition = context.Catalog.Resolve(parse.GetValue(name));
            var storePath = CliOptions.StorePath(parse);
            if (!PipelineStore.Exists(storePath))
            {
                throw new InvalidOperationException($"No store at {storePath}: run the pipeline first.");
            }

            var card = await definition.RenderModelCardAsync(storePath, parse.GetValue(version), cancellationToken);
            var folder = OutputFolder(parse.GetValue(output), storePath);
            var stem = $"model-card-{FileNamePart(card.Name)}-v{card.Version.ToString(CultureInfo.InvariantCulture)}";
            var markdown = Path.Combine(folder, stem + ".md");
            var html = Path.Combine(folder, stem + ".html");
            WriteAtomically(markdown, card.Markdown);
            WriteAtomically(html, card.Html);
            if (card.PlotsOmittedReason is { } reason)
            {
                context.Console.MarkupLine($"[yellow]note:[/] the card has no holdout plots or feature importance: {Markup.Escape(reason)}");
            }

            context.Out.WriteLine(markdown);
            context.Out.WriteLine(html);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>--out DIR</c>.</summary>
    internal static Option<string?> OutOption(string description) => new("--out", "-o") { Description = description };

    /// <summary>The folder to write to (created): <paramref name="requested"/>, or <c>{store}/reports</c>.</summary>
    internal static string OutputFolder(string? requested, string storePath)
    {
        var folder = Path.GetFullPath(string.IsNullOrWhiteSpace(requested) ? Path.Combine(storePath, "reports") : requested);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A name made safe for a file name: characters no file system accepts become <c>_</c>.</summary>
    internal static string FileNamePart(string text)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(Array.IndexOf(invalid, c) >= 0 || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.IsControl(c) ? '_' : c);
        }

        return sb.Length == 0 ? "_" : sb.ToString();
    }

    /// <summary>
    /// Writes <paramref name="contents"/> (UTF-8, no BOM) to a temporary file beside <paramref name="path"/>, flushed to
    /// disk, then renames it over <paramref name="path"/>: a reader sees the old file or the new one, never half of one.
    /// </summary>
    internal static void WriteAtomically(string path, string contents)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(contents);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
            }

            throw;
        }
    }
}
