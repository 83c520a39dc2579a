using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Reports;

/// <summary>The HTML report of a run: what it did, node by node, and the plots of the version it registered.</summary>
public sealed class RunReportTests
{
    private static PipelineRunOptions Options(TempDirectory temp) => new()
    {
        StorePath = temp.Combine(".mlpipeline"),
        SourceSearchPaths = [temp.Path],
    };

    [Fact]
    public async Task A_run_that_registered_a_version_reports_nodes_params_metrics_gates_slices_and_plots()
    {
        using var temp = new TempDirectory();
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        GateRule[] gates =
        [
            new(Metric.Auc, GateComparison.AtLeast, 0.8),
            new(Metric.Recall, GateComparison.AtLeast, 0.5) { Kind = GateKind.Slice, Member = nameof(SyntheticRow.Segment), MinRows = 20 },
        ];
        var pipeline = SyntheticPipeline.Create("data.csv", gates: gates);
        var first = await pipeline.RunAsync(Options(temp));
        Assert.Equal(PipelineRunStatus.Succeeded, first.Status);

        var html = await pipeline.RenderRunReportAsync(Options(temp).StorePath, first.RunId);

        ReportAssertions.SelfContained(html);
        Assert.Contains($"<h1 id=\"top\">Run report: {first.RunId}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"good\">succeeded</span>", html, StringComparison.Ordinal);
        foreach (var node in pipeline.Graph.Nodes)
        {
            Assert.Contains($"<td><code>{node.Id}</code></td><td><span class=\"good\">completed</span></td>", html, StringComparison.Ordinal);
        }

        Assert.Contains("<td><code>hp.Leaves</code></td><td><code>8</code></td>", html, StringComparison.Ordinal);
        Assert.Contains("<td><code>auc</code></td>", html, StringComparison.Ordinal);
        Assert.Contains("2 of 2 rules passed.", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"slices\">Slices</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<code>SyntheticPipeline v1 (stage none, gates passed)</code>", html, StringComparison.Ordinal);
        Assert.Equal(["roc", "calibration", "confusion-matrix", "importance"], ReportAssertions.Plots(html));

        // A rerun restores every node from the cache and registers nothing: its report says so and marks the nodes.
        var second = await pipeline.RunAsync(Options(temp));
        var cached = await pipeline.RenderRunReportAsync(Options(temp).StorePath, second.RunId);
        Assert.Contains("<span class=\"muted\">cached</span>", cached, StringComparison.Ordinal);
        Assert.Contains("9 restored from the step cache", cached, StringComparison.Ordinal);
        Assert.Contains("This run registered no model version", cached, StringComparison.Ordinal);
        Assert.Empty(ReportAssertions.Plots(cached));
        ReportAssertions.SelfContained(cached);
    }

    [Fact]
    public async Task A_failed_run_is_reported_without_plots_and_unknown_runs_are_refused()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("data.csv"), "id,x1,x2,segment,churned,amount,when\n1,oops,2,a,yes,3,2024-01-01T00:00:00Z\n");
        var pipeline = SyntheticPipeline.Create("data.csv");
        var failed = await pipeline.RunAsync(Options(temp));
        Assert.Equal(PipelineRunStatus.FailedValidation, failed.Status);

        var html = await pipeline.RenderRunReportAsync(Options(temp).StorePath, failed.RunId);

        Assert.Contains("<span class=\"bad\">failed_validation</span>", html, StringComparison.Ordinal);
        Assert.Contains("No params were recorded", html, StringComparison.Ordinal);
        Assert.Contains("oops", html, StringComparison.Ordinal);
        Assert.Empty(ReportAssertions.Plots(html));
        ReportAssertions.SelfContained(html);
        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RenderRunReportAsync(Options(temp).StorePath, "no-such-run"));
    }
}
