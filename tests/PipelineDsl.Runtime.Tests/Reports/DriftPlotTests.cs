using System.Xml.Linq;
using PipelineDsl.Runtime.Reports;

namespace PipelineDsl.Runtime.Tests.Reports;

/// <summary>The drift report's and dashboard's SVG helpers: histogram bins, line chart marking, graph layers.</summary>
public sealed class DriftPlotTests
{
    private static readonly XNamespace Svg = SvgCanvas.Namespace;

    [Fact]
    public void Bin_edges_cover_both_samples_in_equal_widths()
    {
        var edges = SvgHistogramOverlay.BinEdges([0.5, 1.5, 2.5], [9.5, double.NaN], bins: 4);
        Assert.Equal([0.5, 2.75, 5.0, 7.25, 9.5], edges);
    }

    [Fact]
    public void Few_distinct_integers_get_one_bin_each_centred_on_the_value()
    {
        var edges = SvgHistogramOverlay.BinEdges([0, 1, 1, 3], [2], bins: 20);
        Assert.Equal([-0.5, 0.5, 1.5, 2.5, 3.5], edges);
        Assert.Equal([0.25, 0.5, 0, 0.25], SvgHistogramOverlay.Shares([0, 1, 1, 3], edges));
    }

    [Fact]
    public void A_constant_or_empty_sample_still_gets_a_drawable_range()
    {
        var constant = SvgHistogramOverlay.BinEdges([5.5, 5.5], [5.5], bins: 2);
        Assert.Equal(3, constant.Length);
        Assert.True(constant[0] < 5.5 && constant[^1] > 5.5);
        Assert.Equal([0, 0.5, 1], SvgHistogramOverlay.BinEdges([], [double.PositiveInfinity], bins: 2));
        Assert.Equal([0, 0], SvgHistogramOverlay.Shares([], [0, 0.5, 1]));
    }

    [Fact]
    public void Shares_put_each_value_in_its_half_open_bin_the_last_closed_and_outliers_in_the_end_bins()
    {
        double[] edges = [0, 1, 2, 3];
        Assert.Equal(0, SvgHistogramOverlay.Bin(0, edges));
        Assert.Equal(1, SvgHistogramOverlay.Bin(1, edges));
        Assert.Equal(1, SvgHistogramOverlay.Bin(1.999, edges));
        Assert.Equal(2, SvgHistogramOverlay.Bin(3, edges));
        Assert.Equal(0, SvgHistogramOverlay.Bin(-7, edges));
        Assert.Equal(2, SvgHistogramOverlay.Bin(70, edges));
        Assert.Equal([0.4, 0.2, 0.4], SvgHistogramOverlay.Shares([0, 0.5, 1, 2, 3], edges));
    }

    [Fact]
    public void The_histogram_is_tagged_with_its_feature_and_verdict_and_draws_both_samples()
    {
        var svg = SvgHistogramOverlay.Render("Night<Minutes>", [1, 2, 3, 4], [3, 4, 5, 6], drifted: true, "title", "PSI 0.4");
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal("histogram", (string?)root.Attribute("data-plot"));
        Assert.Equal("Night<Minutes>", (string?)root.Attribute("data-feature"));
        Assert.Equal("true", (string?)root.Attribute("data-drifted"));
        Assert.Contains(root.Descendants(Svg + "rect"), r => (string?)r.Attribute("data-series") == "reference");
        Assert.Single(root.Descendants(Svg + "path"), p => (string?)p.Attribute("data-series") == "current");

        var categories = SvgHistogramOverlay.RenderCategories("Plan", new Dictionary<string, long> { ["0"] = 30, ["1"] = 10 }, [0, 1, 1, 1], drifted: false, "t", "c");
        var croot = XDocument.Parse(categories).Root!;
        Assert.Equal("false", (string?)croot.Attribute("data-drifted"));
        Assert.Equal(2, croot.Descendants(Svg + "rect").Count(r => (string?)r.Attribute("data-series") == "reference"));
    }

    [Fact]
    public void The_line_chart_marks_exactly_the_series_with_marked_points()
    {
        var svg = SvgLineChart.Render(
            SvgLineChart.PsiPlot,
            "PSI",
            [
                new("a", [(1, 0.01), (2, 0.02), (3, 0.01)], []),
                new("b", [(1, 0.01), (2, 0.5), (3, 0.6)], [2, 3]),
            ],
            "window",
            "PSI",
            threshold: 0.2);
        var root = XDocument.Parse(svg).Root!;
        var lines = root.Descendants(Svg + "path").Where(p => p.Attribute("data-drifted") is not null)
            .ToDictionary(p => (string)p.Attribute("data-series")!, p => (string)p.Attribute("data-drifted")!);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "false", ["b"] = "true" }, lines);
        Assert.Equal(2, root.Descendants(Svg + "circle").Count());
        Assert.Single(root.Descendants(Svg + "path"), p => (string?)p.Attribute("data-series") == "threshold");
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Depths_are_longest_paths_from_a_source()
    {
        var depths = SvgLayeredGraph.Depths(["a", "b", "c", "d"], [("a", "b"), ("b", "d"), ("a", "d"), ("c", "d")]);
        Assert.Equal(0, depths["a"]);
        Assert.Equal(1, depths["b"]);
        Assert.Equal(0, depths["c"]);
        Assert.Equal(2, depths["d"]);
        Assert.Throws<ArgumentException>(() => SvgLayeredGraph.Depths(["a", "b"], [("a", "b"), ("b", "a")]));
        Assert.Throws<ArgumentException>(() => SvgLayeredGraph.Depths(["a"], [("a", "z")]));
    }

    [Fact]
    public void The_layered_graph_draws_a_box_per_node_and_a_curve_per_edge_each_layer_below_the_last()
    {
        var svg = SvgLayeredGraph.Render(
            SvgLayeredGraph.DagPlot,
            "DAG",
            [new("a", "ingest", ["x"], 0), new("b", "features", ["y"], 1), new("c", "train", [], 2)],
            [("a", "b"), ("b", "c")],
            horizontal: false);
        var root = XDocument.Parse(svg).Root!;
        var boxes = root.Descendants(Svg + "rect").Where(r => r.Attribute("data-node") is not null)
            .ToDictionary(r => (string)r.Attribute("data-node")!, r => double.Parse((string)r.Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["a", "b", "c"], boxes.Keys.Order(StringComparer.Ordinal));
        Assert.True(boxes["a"] < boxes["b"] && boxes["b"] < boxes["c"]);
        Assert.Equal(["a->b", "b->c"], root.Descendants(Svg + "path").Select(p => (string?)p.Attribute("data-edge")).OfType<string>());
    }
}
