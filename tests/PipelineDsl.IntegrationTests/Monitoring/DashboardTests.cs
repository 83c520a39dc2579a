using System.Net;
using System.Text.RegularExpressions;
using ChurnPrediction;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PipelineDsl.IntegrationTests.Serving;
using PipelineDsl.Serving.Dashboard;

namespace PipelineDsl.IntegrationTests.Monitoring;

/// <summary>
/// The <c>ui</c> dashboard in-process on a free loopback port against a copy of the trained churn store: every page
/// answers with its content over HTTP, <c>/drift</c> says when there is no prediction log and shows drift over time once
/// <c>serve</c> wrote one, and headless Chromium builds the runs page and the DAG with their SVGs.
/// </summary>
[Collection(ServingCollection.Name)]
public sealed class DashboardTests(ServedChurnStore fixture)
{
    [Fact]
    public async Task Dashboard_pages_answer_and_render_their_svgs_and_drift_appears_once_there_is_a_prediction_log()
    {
        var chromium = Chromium.Find();
        using var temp = new TempDirectory();
        var store = fixture.CopyTo(temp);
        await using var dashboard = await Dashboard.StartAsync(store);
        var client = dashboard.Client;

        // Runs and versions: both versions with their stages, links to their pages.
        var home = await Get(client, "/");
        Assert.Contains("Runs and versions: churn", home, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/versions/1\">v1</a>", home, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/versions/2\">v2</a>", home, StringComparison.Ordinal);
        Assert.Contains("<span class=\"good\">production</span>", home, StringComparison.Ordinal);
        Assert.Contains("staging", home, StringComparison.Ordinal);
        Assert.Contains("succeeded", home, StringComparison.Ordinal);
        Assert.Contains("auc ", home, StringComparison.Ordinal);

        // A version: its lineage graph with hashes, and the audit row that promoted it.
        var version = await Get(client, "/versions/1");
        Assert.Contains("data-plot=\"lineage\"", version, StringComparison.Ordinal);
        foreach (var node in new[] { "data", "features", "model", "profile", "version" })
        {
            Assert.Contains($"data-node=\"{node}\"", version, StringComparison.Ordinal);
        }

        Assert.Contains("data-edge=\"features-&gt;model\"", version, StringComparison.Ordinal);
        Assert.Contains("feature_set_hash", version, StringComparison.Ordinal);
        Assert.Contains("<td>alice</td>", version, StringComparison.Ordinal);
        Assert.Contains("<td>serving tests</td>", version, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/versions/99")).StatusCode);

        // The DAG: one box per node, one curve per edge.
        var pipeline = await Get(client, "/pipeline");
        var graph = ChurnPipeline.Definition.Graph;
        Assert.Contains("data-plot=\"pipeline-dag\"", pipeline, StringComparison.Ordinal);
        Assert.Equal(graph.Nodes.Count, Regex.Matches(pipeline, "<rect data-node=").Count);
        Assert.Equal(graph.Edges.Count, Regex.Matches(pipeline, "data-edge=").Count);

        // No prediction log yet: the drift page says so.
        var noLog = await Get(client, "/drift");
        Assert.Contains("There is no prediction log", noLog, StringComparison.Ordinal);
        Assert.DoesNotContain("data-plot=\"psi-over-time\"", noLog, StringComparison.Ordinal);

        // serve writes the log (predictions/churn in the store); the drift page then monitors it.
        var direct = ServingScenarios.With(ServingScenarios.Deployment(RolloutStrategy.Direct));
        await using (var server = await InProcessServer.StartAsync(direct, ServingScenarios.Options(store)))
        {
            for (var i = 0; i < 300; i++)
            {
                using var response = await server.Client.PostAsync("/predict", ServeChurnTests.Json(ChurnRequests.Body(i)));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        var drift = await Get(client, "/drift");
        Assert.Contains("data-plot=\"psi-over-time\"", drift, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"alerts\">Alerts</h2>", drift, StringComparison.Ordinal);
        Assert.Contains("data-plot=\"histogram\"", drift, StringComparison.Ordinal);
        Assert.DoesNotContain("There is no prediction log", drift, StringComparison.Ordinal);

        // A real browser builds the pages with their SVGs.
        foreach (var (path, plot) in new[] { ("/", (string?)null), ("/pipeline", "pipeline-dag"), ("/versions/1", "lineage") })
        {
            var dom = chromium.DumpDom(new Uri(client.BaseAddress!, path).AbsoluteUri, temp.Combine("chromium-profile"));
            Assert.Contains("<main>", dom, StringComparison.Ordinal);
            Assert.DoesNotContain("undefined", dom, StringComparison.Ordinal);
            if (plot is not null)
            {
                var svg = Assert.Single(ReportHtmlTests.SvgElements().Matches(dom).Select(m => m.Value), s => s.Contains($"data-plot=\"{plot}\"", StringComparison.Ordinal));
                Assert.Contains("<rect data-node=", svg, StringComparison.Ordinal);
                Assert.Contains("<path data-edge=", svg, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("<a href=\"/versions/1\">v1</a>", dom, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_dashboard_refuses_a_non_loopback_address()
    {
        var options = new DashboardOptions { Store = "unused", Urls = ["http://0.0.0.0:8081"] };
        var error = Assert.Throws<ArgumentException>(() => PipelineDashboard.Build(ChurnPipeline.Definition, options));
        Assert.Contains("loopback only", error.Message, StringComparison.Ordinal);
        Assert.True(PipelineDashboard.IsLoopback("http://127.0.0.1:0"));
        Assert.True(PipelineDashboard.IsLoopback("http://localhost:8081"));
        Assert.True(PipelineDashboard.IsLoopback("http://[::1]:8081"));
        Assert.False(PipelineDashboard.IsLoopback("https://127.0.0.1:8081"));
    }

    private static async Task<string> Get(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: HTTP {(int)response.StatusCode}\n{body}");
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", body, StringComparison.Ordinal);
        return body;
    }

    /// <summary>The dashboard on a free loopback port, with a client for it; its drift page uses 100-row windows.</summary>
    private sealed class Dashboard : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Dashboard(WebApplication app, HttpClient client)
        {
            _app = app;
            Client = client;
        }

        public HttpClient Client { get; }

        public static async Task<Dashboard> StartAsync(string store)
        {
            var app = PipelineDashboard.Build(
                ChurnPipeline.Definition,
                new DashboardOptions { Store = store, Urls = ["http://127.0.0.1:0"], Window = "100 rows" },
                logging => logging.SetMinimumLevel(LogLevel.Warning));
            await app.StartAsync();
            return new Dashboard(app, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
