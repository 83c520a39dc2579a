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
    internal static partial Regex SvgElements();
}
