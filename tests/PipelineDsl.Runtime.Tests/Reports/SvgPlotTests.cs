using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PipelineDsl.Runtime.Reports;

namespace PipelineDsl.Runtime.Tests.Reports;

/// <summary>The hand-written SVG plots: well-formed XML, tagged for the page, escaped, invariant and small.</summary>
public sealed partial class SvgPlotTests
{
    private static readonly XNamespace Svg = SvgCanvas.Namespace;

    /// <summary>One plot of each kind, over the same small deterministic holdout, under <paramref name="title"/>.</summary>
    private static IEnumerable<(string Plot, string Svg)> EveryPlot(string title)
    {
        var random = new Random(3);
        var labels = Enumerable.Range(0, 400).Select(_ => random.NextDouble() < 0.3).ToArray();
        var probabilities = labels.Select(l => (float)Math.Clamp((l ? 0.65 : 0.3) + ((random.NextDouble() - 0.5) * 0.6), 0, 1)).ToArray();
        var actual = Enumerable.Range(0, 400).Select(i => (float)(i * 0.5)).ToArray();
        var predicted = actual.Select(a => a + (float)((random.NextDouble() - 0.5) * 20)).ToArray();
        yield return ("roc", SvgRocCurve.Render(probabilities, labels, title));
        yield return ("calibration", SvgCalibrationDiagram.Render(probabilities, labels, title));
        yield return ("confusion-matrix", SvgConfusionMatrix.Render(probabilities.Select(p => p >= 0.5f).ToArray(), labels, title));
        yield return ("residuals", SvgResidualPlot.Render(predicted, actual, title));
        yield return ("predicted-vs-actual", SvgPredictedVsActual.Render(predicted, actual, title));
        yield return ("importance", SvgBarChart.Render([new("signal", 0.31, 0.02), new("noise", -0.001, 0.002), new("other", 0.05)], title, "drop in AUC"));
    }

    [Fact]
    public void Every_plot_is_well_formed_svg_tagged_with_its_kind_an_image_role_and_a_title()
    {
        foreach (var (plot, svg) in EveryPlot("A plot"))
        {
            var root = XDocument.Parse(svg).Root!;
            Assert.Equal(Svg + "svg", root.Name);
            Assert.Equal(plot, (string?)root.Attribute("data-plot"));
            Assert.Equal("img", (string?)root.Attribute("role"));
            var first = root.Elements().First();
            Assert.Equal(Svg + "title", first.Name);
            Assert.StartsWith("A plot", first.Value, StringComparison.Ordinal);

            // Axes with tick labels: a path for the axes and numeric (or class) labels as text.
            Assert.Contains(root.Descendants(Svg + "path"), p => (string?)p.Attribute("data-series") == "axes" || plot == "confusion-matrix");
            Assert.True(root.Descendants(Svg + "text").Count() >= 5, plot);
            Assert.True(svg.Length < 60_000, $"{plot} is {svg.Length} characters");
            Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Titles_and_labels_are_escaped()
    {
        const string title = "Holdout <b>&</b> \"quotes\" 'single' > done";
        foreach (var (plot, svg) in EveryPlot(title))
        {
            Assert.DoesNotContain("<b>", svg, StringComparison.Ordinal);
            var root = XDocument.Parse(svg).Root!;
            Assert.StartsWith(title, root.Element(Svg + "title")!.Value, StringComparison.Ordinal);
            Assert.StartsWith(title, (string)root.Attribute("aria-label")!, StringComparison.Ordinal);
            Assert.Contains(root.Descendants(Svg + "text"), t => t.Value.StartsWith(title, StringComparison.Ordinal) || plot == "roc");
        }

        var bars = SvgBarChart.Render([new("a<&>b", 1), new("x\u0001y", 0.5)], "t", "v");
        var labels = XDocument.Parse(bars).Root!.Descendants(Svg + "text").Select(t => t.Value).ToArray();
        Assert.Contains("a<&>b", labels);
        Assert.Contains("xy", labels);
    }

    [Fact]
    public void The_roc_curve_of_a_perfect_classifier_goes_through_the_top_left_corner_and_its_auc_is_one()
    {
        bool[] labels = [false, true, false, true, true, false];
        float[] scores = [0.1f, 0.9f, 0.3f, 0.8f, 0.95f, 0.2f];

        var curve = RocCurve.Compute(scores, labels);
        Assert.Equal(1.0, curve.Auc, 12);
        Assert.Contains((0.0, 1.0), curve.Points);
        Assert.Equal((0.0, 0.0), curve.Points[0]);
        Assert.Equal((1.0, 1.0), curve.Points[^1]);

        var root = XDocument.Parse(SvgRocCurve.Render(scores, labels, "Perfect")).Root!;
        Assert.Equal("Perfect (AUC 1.0000)", root.Element(Svg + "title")!.Value);
        var axes = PathPoints(Series(root, "axes"));
        var corner = axes[0]; // the axes path starts at the plot area's top-left corner: (fpr 0, tpr 1)
        Assert.Contains(corner, PathPoints(Series(root, "roc")));
        Assert.Equal(PathPoints(Series(root, "chance"))[0].X, corner.X);
    }

    [Fact]
    public void The_roc_path_keeps_only_the_corners_of_its_steps()
    {
        (double, double)[] steps = [(0, 0), (0, 0.25), (0, 0.5), (0.25, 0.5), (0.5, 0.5), (0.5, 1), (1, 1)];
        Assert.Equal(new (double, double)[] { (0, 0), (0, 0.5), (0.5, 0.5), (0.5, 1), (1, 1) }, SvgRocCurve.Corners(steps));
    }

    [Fact]
    public void The_roc_auc_matches_the_rank_statistic_with_ties_counted_half()
    {
        bool[] labels = [true, false, true, false, true];
        float[] scores = [0.5f, 0.5f, 0.7f, 0.2f, 0.1f];

        // Pairs (positive, negative): 0.5-0.5 tie (1/2), 0.5>0.2, 0.7>0.5, 0.7>0.2, 0.1<0.5, 0.1<0.2: 3.5 of 6.
        Assert.Equal(3.5 / 6, RocCurve.AreaUnder(scores, labels), 12);
        Assert.True(double.IsNaN(RocCurve.AreaUnder([0.1f, 0.2f], [true, true])));
        Assert.Contains("AUC n/a", SvgRocCurve.Render([0.1f, 0.2f], [true, true], "One class"), StringComparison.Ordinal);
    }

    [Fact]
    public void Scatter_plots_draw_at_most_2000_points_and_the_same_input_draws_the_same_bytes()
    {
        var actual = Enumerable.Range(0, 10_000).Select(i => (float)i).ToArray();
        var predicted = actual.Select((a, i) => a + (i % 7) - 3f).ToArray();
        predicted[17] = float.NaN;

        foreach (var render in new Func<string>[]
        {
            () => SvgResidualPlot.Render(predicted, actual, "Residuals"),
            () => SvgPredictedVsActual.Render(predicted, actual, "Predicted vs actual"),
        })
        {
            var svg = render();
            Assert.Equal(svg, render());
            var dots = Series(XDocument.Parse(svg).Root!, "points");
            Assert.Equal(2000, DotCount().Matches((string)dots.Attribute("d")!).Count);
            Assert.Contains("2000 of 9999 rows shown", svg, StringComparison.Ordinal);
            Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        }

        Assert.Equal(new[] { 0, 1, 2 }, SvgDownsample.Positions(3));
        var positions = SvgDownsample.Positions(10_000);
        Assert.Equal(2000, positions.Length);
        Assert.Equal(0, positions[0]);
        Assert.Equal(9999, positions[^1]);
        Assert.True(positions.Zip(positions.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public void Numbers_are_written_with_the_invariant_culture_whatever_the_thread_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var invariant = string.Concat(EveryPlot("t").Select(p => p.Svg));
            // The build runs with invariant globalization (no "de-DE"): a culture with a decimal comma stands in for it.
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            comma.NumberFormat.PercentDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            var withComma = string.Concat(EveryPlot("t").Select(p => p.Svg));
            Assert.Equal(invariant, withComma);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Equal("0.25", SvgCanvas.Num(0.25));
        Assert.Equal("0", SvgCanvas.Num(-0.001));
        Assert.Equal("n/a", ReportFormat.Number(double.NaN));
        Assert.Equal("0", ReportFormat.Number(-0.00001));
        Assert.Equal(new[] { 0, 0.2, 0.4, 0.6, 0.8, 1.0 }, SvgCanvas.NiceTicks(0, 1, 5));
        Assert.Equal("0.4", SvgCanvas.TickLabel(0.4, 0.2));
        Assert.Equal("0.0", SvgCanvas.TickLabel(-1e-17, 0.2));
        Assert.Equal("-200k", SvgCanvas.TickLabel(-200_000, 100_000));
        Assert.Equal("0", SvgCanvas.TickLabel(0, 100_000));
        Assert.Equal("3M", SvgCanvas.TickLabel(3e6, 1e6));
        Assert.Equal("25", SvgCanvas.TickLabel(25, 5));
    }

    [Fact]
    public void The_confusion_matrix_shows_each_cell_count_and_the_calibration_bins_match_the_metric()
    {
        bool[] actual = [true, true, true, false, false, false, false];
        bool[] predicted = [true, true, false, true, false, false, false];
        Assert.Equal((3, 1, 1, 2), SvgConfusionMatrix.Count(predicted, actual));
        var texts = XDocument.Parse(SvgConfusionMatrix.Render(predicted, actual, "m")).Root!.Descendants(Svg + "text").Select(t => t.Value).ToArray();
        Assert.Contains("3", texts);
        Assert.Contains("2", texts);
        Assert.Contains("true positives", texts);
        Assert.Equal(4, XDocument.Parse(SvgConfusionMatrix.Render(predicted, actual, "m")).Root!.Descendants(Svg + "rect").Count(r => r.Element(Svg + "title") is not null));

        float[] probabilities = [0.05f, 0.15f, 0.95f, 0.91f, 0.5f];
        bool[] labels = [false, false, true, false, true];
        var bins = SvgCalibrationDiagram.Compute(probabilities, labels);
        Assert.Equal(10, bins.Count);
        Assert.Equal(2, bins[9].Rows);
        Assert.Equal(0.5, bins[9].ObservedRate, 12);
        Assert.Equal((0.95 + 0.91) / 2, bins[9].MeanPredicted, 6);
        Assert.True(double.IsNaN(bins[3].MeanPredicted));
    }

    [Fact]
    public void The_bar_chart_puts_the_largest_value_on_top()
    {
        var svg = SvgBarChart.Render([new("small", 0.01), new("large", 0.4), new("negative", -0.02), new("medium", 0.1)], "Importance", "drop");
        var labels = XDocument.Parse(svg).Root!.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.True(labels.IndexOf("large") < labels.IndexOf("medium"));
        Assert.True(labels.IndexOf("medium") < labels.IndexOf("small"));
        Assert.True(labels.IndexOf("small") < labels.IndexOf("negative"));
        Assert.Equal(4, XDocument.Parse(svg).Root!.Descendants(Svg + "rect").Count(r => r.Element(Svg + "title") is not null));
    }

    private static XElement Series(XElement root, string series) =>
        root.Descendants(Svg + "path").Single(p => (string?)p.Attribute("data-series") == series);

    /// <summary>The absolute points of a path made of M, L, H and V commands.</summary>
    private static List<(double X, double Y)> PathPoints(XElement path)
    {
        var points = new List<(double X, double Y)>();
        double x = 0, y = 0;
        foreach (Match m in PathCommand().Matches((string)path.Attribute("d")!))
        {
            var numbers = m.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            switch (m.Groups[1].Value)
            {
                case "M" or "L":
                    (x, y) = (numbers[0], numbers[1]);
                    break;
                case "H":
                    x = numbers[0];
                    break;
                case "V":
                    y = numbers[0];
                    break;
                default:
                    continue;
            }

            points.Add((x, y));
        }

        return points;
    }

    [GeneratedRegex(@"([MLHVhvZ])([-0-9. ]*)")]
    private static partial Regex PathCommand();

    [GeneratedRegex("h0")]
    private static partial Regex DotCount();
}
