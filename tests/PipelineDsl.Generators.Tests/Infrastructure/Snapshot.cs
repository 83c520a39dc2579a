using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.CodeAnalysis;

namespace PipelineDsl.Generators.Tests.Infrastructure;

/// <summary>
/// Approved-file snapshots for generated sources: <c>Snapshots/&lt;TestClass&gt;/&lt;TestMethod&gt;/&lt;HintName&gt;.txt</c>
/// plus <c>diagnostics.txt</c>. Set <c>PDSL_ACCEPT_SNAPSHOTS=1</c> to (re)write the approved files (never when
/// <c>CI=true</c>); otherwise a missing or different file fails the test with a unified diff and leaves a
/// <c>.received.txt</c> beside the approved file.
/// </summary>
internal static class Snapshot
{
    private const string DiagnosticsFile = "diagnostics.txt";
    private const string ReceivedSuffix = ".received.txt";

    public static void Verify(GeneratorDriverRunResult result, [CallerFilePath] string file = "", [CallerMemberName] string name = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(file)!, "Snapshots", Path.GetFileNameWithoutExtension(file), name);
        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in result.Results.SelectMany(r => r.GeneratedSources))
        {
            actual[source.HintName + ".txt"] = Normalize(source.SourceText.ToString());
        }

        actual[DiagnosticsFile] = RenderDiagnostics(result.Diagnostics);

        var accept = Environment.GetEnvironmentVariable("PDSL_ACCEPT_SNAPSHOTS") == "1"
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (accept)
        {
            Directory.CreateDirectory(directory);
            foreach (var stale in Directory.GetFiles(directory))
            {
                if (!actual.ContainsKey(Path.GetFileName(stale)))
                {
                    File.Delete(stale);
                }
            }

            foreach (var (fileName, text) in actual)
            {
                File.WriteAllText(Path.Combine(directory, fileName), text);
            }

            return;
        }

        var approved = Directory.Exists(directory)
            ? Directory.GetFiles(directory).Select(Path.GetFileName).Where(f => !f!.EndsWith(ReceivedSuffix, StringComparison.Ordinal)).Select(f => f!).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        var failures = new StringBuilder();
        foreach (var missing in approved.Where(a => !actual.ContainsKey(a)).OrderBy(a => a, StringComparer.Ordinal))
        {
            failures.Append("approved file no longer generated: ").Append(missing).Append('\n');
        }

        foreach (var (fileName, text) in actual)
        {
            var approvedPath = Path.Combine(directory, fileName);
            var receivedPath = Path.Combine(directory, Path.GetFileNameWithoutExtension(fileName) + ReceivedSuffix);
            if (!approved.Contains(fileName))
            {
                Directory.CreateDirectory(directory);
                File.WriteAllText(receivedPath, text);
                failures.Append("no approved file: ").Append(approvedPath).Append(" (run with PDSL_ACCEPT_SNAPSHOTS=1 to accept)\n");
                continue;
            }

            var expected = Normalize(File.ReadAllText(approvedPath));
            if (expected == text)
            {
                if (File.Exists(receivedPath))
                {
                    File.Delete(receivedPath);
                }

                continue;
            }

            File.WriteAllText(receivedPath, text);
            failures.Append(UnifiedDiff(expected, text, approvedPath, receivedPath));
        }

        if (failures.Length > 0)
        {
            Assert.Fail("Snapshot mismatch:\n" + failures);
        }
    }

    /// <summary>LF line endings, no trailing whitespace, and the generator version replaced by a placeholder.</summary>
    public static string Normalize(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd());
        return string.Join("\n", lines)
            .Replace($"\"PipelineDsl\", \"{PipelineGenerator.Emitter.GeneratorVersion}\"", "\"PipelineDsl\", \"{{VERSION}}\"");
    }

    public static string RenderDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        var lines = diagnostics
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                var position = d.Location.IsInSource
                    ? $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1})"
                    : "(no location)";
                return $"{d.Id} {d.Severity} {position} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
            })
            .OrderBy(l => l, StringComparer.Ordinal)
            .ToList();
        return lines.Count == 0 ? "(no diagnostics)\n" : string.Join("\n", lines) + "\n";
    }

    private static string UnifiedDiff(string expected, string actual, string approvedPath, string receivedPath)
    {
        const int Context = 3;
        var lines = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false).Lines;
        var sb = new StringBuilder();
        sb.Append("--- ").Append(approvedPath).Append('\n').Append("+++ ").Append(receivedPath).Append('\n');
        var changed = lines.Select((l, i) => (l, i)).Where(x => x.l.Type != ChangeType.Unchanged).Select(x => x.i).ToList();
        var shown = new HashSet<int>(changed.SelectMany(i => Enumerable.Range(i - Context, (2 * Context) + 1)).Where(i => i >= 0 && i < lines.Count));
        var last = -2;
        var printed = 0;
        for (var i = 0; i < lines.Count && printed < 200; i++)
        {
            if (!shown.Contains(i))
            {
                continue;
            }

            if (i != last + 1)
            {
                sb.Append("@@ line ").Append(lines[i].Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?").Append(" @@\n");
            }

            var prefix = lines[i].Type switch
            {
                ChangeType.Inserted => "+",
                ChangeType.Deleted => "-",
                _ => " ",
            };
            sb.Append(prefix).Append(lines[i].Text).Append('\n');
            last = i;
            printed++;
        }

        return sb.ToString();
    }
}
