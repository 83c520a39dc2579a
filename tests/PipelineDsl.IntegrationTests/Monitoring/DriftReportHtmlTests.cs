using System.Text.RegularExpressions;
using ChurnPrediction;
using PipelineDsl.IntegrationTests.Serving;

namespace PipelineDsl.IntegrationTests.Monitoring;

/// <summary>
/// <c>monitor --html</c> on covariate-drift traffic, rendered by headless Chromium: a histogram overlay per feature (and
/// the prediction), and the PSI-per-window chart with exactly the drifted features marked.
/// </summary>
[Collection(ServingCollection.Name)]
public sealed class DriftReportHtmlTests(ServedChurnStore fixture)
{
    [Fact]
    public async Task Monitor_html_of_covariate_drift_renders_a_histogram_per_feature_and_the_psi_chart_with_the_drifted_features_marked()
    {
        var chromium = Chromium.Find();
        using var temp = new TempDirectory();
        var store = fixture.CopyTo(temp);
        var before = ChurnTraffic.Write(temp.Combine("before.csv"), 3_000, ChurnTraffic.Drift.None, seed: 12);
        var after = ChurnTraffic.Write(temp.Combine("after.csv"), 3_000, ChurnTraffic.Drift.Covariate, seed: 13);
        var traffic = temp.Combine("traffic.csv");
        File.WriteAllLines(traffic, File.ReadAllLines(before).Concat(File.ReadAllLines(after).Skip(1)));
        var html = temp.Combine("out", "drift.html");

        var result = await CliRunner.RunAsync(ChurnPipeline.Definition, "monitor", "--input", traffic, "--store", store, "--html", html);
        Assert.True(result.ExitCode == 4, result.All);
        Assert.Equal(html, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]);
        Assert.True(File.Exists(html));

        var dom = chromium.DumpDom(html, temp.Combine("chromium-profile"));
        var svgs = ReportHtmlTests.SvgElements().Matches(dom).Select(m => m.Value).ToArray();
        static string Root(string svg) => svg[..svg.IndexOf('>', StringComparison.Ordinal)];
        static string? Attribute(string element, string name) =>
            Regex.Match(element, $"\\b{name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;

        // One histogram per feature and the prediction, each drawing the reference bars and the current line.
        var features = ChurnPipeline.Definition.FeatureSet.Features.Select(f => f.Name).Append("prediction").ToArray();
        var histograms = svgs.Where(s => Attribute(Root(s), "data-plot") == "histogram").ToDictionary(s => Attribute(Root(s), "data-feature")!);
        Assert.Equal(features.Order(StringComparer.Ordinal), histograms.Keys.Order(StringComparer.Ordinal));
        foreach (var (feature, svg) in histograms)
        {
            Assert.Contains("data-series=\"reference\"", svg, StringComparison.Ordinal);
            Assert.Contains("data-series=\"current\"", svg, StringComparison.Ordinal);
            Assert.Contains("PSI ", svg, StringComparison.Ordinal);
        }

        // The drifted inputs are the histograms marked drifted (in the window with the most drift).
        Assert.Equal("true", Attribute(Root(histograms["NightMinutes"]), "data-drifted"));
        Assert.Equal("true", Attribute(Root(histograms["EveCalls"]), "data-drifted"));
        Assert.Contains("KS D", histograms["NightMinutes"], StringComparison.Ordinal);

        // Drift over time: one line per feature, exactly the drifted features marked.
        var chart = Assert.Single(svgs, s => Attribute(Root(s), "data-plot") == "psi-over-time");
        var lines = Regex.Matches(chart, "<path data-series=\"([^\"]+)\" data-drifted=\"(true|false)\"")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value == "true");
        Assert.Equal(features.Order(StringComparer.Ordinal), lines.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["EveCalls", "NightMinutes"], lines.Where(l => l.Value && l.Key != "prediction").Select(l => l.Key).Order(StringComparer.Ordinal));
        Assert.Contains("data-series=\"threshold\"", chart, StringComparison.Ordinal);
        Assert.Contains("<circle", chart, StringComparison.Ordinal);

        // The alerts and window tables.
        Assert.Contains("<h2 id=\"alerts\">Alerts</h2>", dom, StringComparison.Ordinal);
        Assert.Contains("<th>threshold</th>", dom.Replace(" class=\"num\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"windows\">Windows</h2>", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("undefined", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", File.ReadAllText(html), StringComparison.Ordinal);
    }
}
