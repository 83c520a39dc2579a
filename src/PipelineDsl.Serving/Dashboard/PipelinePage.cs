using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Graph;
using PipelineDsl.Runtime.Reports;

namespace PipelineDsl.Serving.Dashboard;

/// <summary><c>/pipeline</c>: the DAG as an inline SVG, nodes laid out in layers by topological depth, and the nodes as a table.</summary>
internal static class PipelinePage
{
    public static string Render(IPipelineDefinition pipeline)
    {
        var graph = pipeline.Graph;
        var document = DashboardPage.Start(pipeline.Name, "Pipeline");
        document.Paragraph(ReportInline.Plain(
            $"{graph.Nodes.Count} nodes, {graph.Edges.Count} edges; each node sits one layer below its deepest dependency."));
        document.Plot(Svg(graph, pipeline.Name), "The pipeline's DAG");
        document.Heading(2, "Nodes", "nodes");
        document.Table(
            ["node", "kind", "subject", "depends on"],
            graph.TopologicalOrder.Select(id => graph[id]).Select(n => (IReadOnlyList<ReportInline>)
            [
                ReportInline.Code(n.Id), n.Kind.ToString(), ReportInline.Code(n.Subject),
                string.Join(", ", graph.DependenciesOf(n.Id)) is { Length: > 0 } deps ? ReportInline.Code(deps) : new ReportInline("-", InlineKind.Muted),
            ]));
        return DashboardPage.Render(document);
    }

    /// <summary>The DAG as SVG: layer = longest path from a source.</summary>
    internal static string Svg(PipelineGraph graph, string name)
    {
        var depths = SvgLayeredGraph.Depths(graph.Nodes.Select(n => n.Id).ToArray(), graph.Edges.Select(e => (e.From, e.To)).ToArray());
        var nodes = graph.TopologicalOrder
            .Select(id => graph[id])
            .Select(n => new SvgLayeredGraph.Node(n.Id, n.Kind.ToString().ToLowerInvariant(), [n.Subject], depths[n.Id], Fill(n.Kind)))
            .ToArray();
        return SvgLayeredGraph.Render(SvgLayeredGraph.DagPlot, $"Pipeline {name}", nodes, graph.Edges.Select(e => (e.From, e.To)).ToArray(), horizontal: false);
    }

    private static string Fill(NodeKind kind) => kind switch
    {
        NodeKind.Ingest or NodeKind.Validate or NodeKind.Snapshot => "#ecfdf5",
        NodeKind.Features or NodeKind.Split => "#eff6ff",
        NodeKind.Train or NodeKind.Evaluate or NodeKind.Backtest => "#fef3c7",
        _ => "#fce7f3",
    };
}
