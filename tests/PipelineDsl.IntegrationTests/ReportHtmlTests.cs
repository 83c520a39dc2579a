using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChurnPrediction;

namespace PipelineDsl.IntegrationTests;

/// <summary>
/// The model card and the run report of the churn sample, written through the CLI, then rendered by a real browser
/// (headless Chromium, <c>--dump-dom</c>): the plots are in the page the browser built, drawn with paths and
/// rectangles, and no undefined value was printed.
/// </summary>
public sealed partial class ReportHtmlTests
{
    /// <summary>The plots both pages must show for a binary classifier.</summary>
    private static readonly string[] Plots = ["roc", "confusion-matrix", "calibration", "importance"];

    [Fact]
    public async Task Card_and_run_report_of_the_churn_sample_render_their_plots_in_headless_chromium()
    {
        var chromium = Chromium.Find();
        using var temp = new TempDirectory();
        var store = temp.Combine(".mlpipeline");
        var run = await CliRunner.RunAsync(ChurnPipeline.Definition, "run", "--store", store, "--source", "churn=" + SampleData.Churn);
        Assert.True(run.ExitCode == 0, run.All);
        string runId;
        using (var runs = JsonDocument.Parse((await CliRunner.RunAsync(ChurnPipeline.Definition, "runs", "--json", "--store", store)).Output))
        {
            runId = runs.RootElement[0].GetProperty("id").GetString()!;
        }

        // card NAME VERSION --out DIR: two files, their paths printed.
        var cardFolder = temp.Combine("cards");
        var card = await CliRunner.RunAsync(ChurnPipeline.Definition, "card", "churn", "1", "--store", store, "--out", cardFolder);
        Assert.True(card.ExitCode == 0, card.All);
        var cardMarkdown = Path.Combine(cardFolder, "model-card-churn-v1.md");
        var cardHtml = Path.Combine(cardFolder, "model-card-churn-v1.html");
        Assert.Equal([cardMarkdown, cardHtml], card.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("# Model card: churn v1\n", File.ReadAllText(cardMarkdown), StringComparison.Ordinal);

        // report RUN_ID (a unique prefix is enough): the store's reports folder by default.
        var report = await CliRunner.RunAsync(ChurnPipeline.Definition, "report", runId[..20], "--store", store);
        Assert.True(report.ExitCode == 0, report.All);
        var reportHtml = Path.Combine(store, "reports", $"run-report-{runId}.html");
        Assert.Equal(reportHtml, report.Output.Trim());

        // Written through a temporary file and a rename: nothing else is left beside them.
        Assert.Equal(new[] { cardHtml, cardMarkdown }, Directory.GetFiles(cardFolder).Order(StringComparer.Ordinal));
        Assert.Equal([reportHtml], Directory.GetFiles(Path.Combine(store, "reports")));

        foreach (var page in new[] { cardHtml, reportHtml })
        {
            var dom = chromium.DumpDom(page, temp.Combine("chromium-profile"));
            Assert.Contains("</svg>", dom, StringComparison.Ordinal);
            foreach (var plot in Plots)
            {
                var svg = SvgElements().Matches(dom).Select(m => m.Value)
                    .SingleOrDefault(s => s[..s.IndexOf('>', StringComparison.Ordinal)].Contains($"data-plot=\"{plot}\"", StringComparison.Ordinal));
                Assert.True(svg is not null, $"{Path.GetFileName(page)}: the DOM Chromium built has no svg[data-plot={plot}]");
                Assert.True(svg.Contains("<path", StringComparison.Ordinal) || svg.Contains("<rect", StringComparison.Ordinal), $"{plot} draws nothing");
                Assert.Contains("role=\"img\"", svg[..svg.IndexOf('>', StringComparison.Ordinal)], StringComparison.Ordinal);
                Assert.Contains("<title>", svg, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("undefined", dom, StringComparison.Ordinal);
            Assert.DoesNotContain("NaN", dom, StringComparison.Ordinal);
        }

        // An unknown run is a usage error that names the problem.
        var unknown = await CliRunner.RunAsync(ChurnPipeline.Definition, "report", "19990101", "--store", store);
        Assert.Equal(64, unknown.ExitCode);
        Assert.Contains("no run id starts with '19990101'", unknown.All, StringComparison.Ordinal);
    }

    [GeneratedRegex("<svg\\b.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgElements();

    /// <summary>Debian's <c>chromium</c> (or <c>chromium-browser</c>), run headless.</summary>
    private sealed class Chromium
    {
        private Chromium(string path) => Path = path;

        public string Path { get; }

        /// <summary>
        /// The browser on PATH (or at <c>$PIPELINEDSL_CHROMIUM</c>). This repository's xUnit (2.x) cannot skip a test
        /// at run time, and CI installs Chromium, so a machine without it fails here with the reason.
        /// </summary>
        public static Chromium Find()
        {
            var configured = Environment.GetEnvironmentVariable("PIPELINEDSL_CHROMIUM");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                Assert.True(File.Exists(configured), $"PIPELINEDSL_CHROMIUM names {configured}, which does not exist.");
                return new Chromium(configured);
            }

            var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                foreach (var folder in folders)
                {
                    var candidate = System.IO.Path.Combine(folder, name);
                    if (File.Exists(candidate))
                    {
                        return new Chromium(candidate);
                    }
                }
            }

            Assert.Fail(
                "This test renders the HTML model card and run report in headless Chromium and needs Debian's `chromium` on PATH "
                + "(apt-get install chromium; CI installs it), or PIPELINEDSL_CHROMIUM set to a Chromium binary. Searched PATH: "
                + string.Join(System.IO.Path.PathSeparator, folders));
            throw new UnreachableException();
        }

        /// <summary>The DOM Chromium builds from <paramref name="htmlFile"/>, serialized (<c>--dump-dom</c>).</summary>
        public string DumpDom(string htmlFile, string profile)
        {
            var info = new ProcessStartInfo(Path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=" + profile, "--dump-dom", new Uri(htmlFile).AbsoluteUri,
            })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{Path} did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"Chromium did not finish rendering {htmlFile} within 2 minutes.");
            }

            process.WaitForExit();
            var dom = output.GetAwaiter().GetResult();
            Assert.True(process.ExitCode == 0 && dom.Length > 0, $"Chromium exited with {process.ExitCode} on {htmlFile}:\n{errors.GetAwaiter().GetResult()}");
            return dom;
        }
    }
}
