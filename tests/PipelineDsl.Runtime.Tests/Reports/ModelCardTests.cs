using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Reports;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Reports;

/// <summary>The model card of a real run of the synthetic pipeline with slice and fairness gates.</summary>
public sealed class ModelCardTests
{
    private static readonly GateRule[] Gates =
    [
        new(Metric.Auc, GateComparison.AtLeast, 0.8),
        new(Metric.CalibrationError, GateComparison.AtMost, 0.2),
        new(Metric.Recall, GateComparison.AtLeast, 0.5) { Kind = GateKind.Slice, Member = nameof(SyntheticRow.Segment), MinRows = 20 },
        new(Metric.Auc, GateComparison.AtMost, 0.5) { Kind = GateKind.Fairness, Member = nameof(SyntheticRow.Segment), Criterion = FairnessCriterion.EqualizedOdds, MinRows = 20 },
    ];

    private const string Approval = "alice: <script>alert(1)</script> beats | the baseline & more";

    private static PipelineRunOptions Options(TempDirectory temp) => new()
    {
        StorePath = temp.Combine(".mlpipeline"),
        SourceSearchPaths = [temp.Path],
    };

    private static async Task<(PipelineDefinition<SyntheticRow> Pipeline, PipelineRunResult Result)> TrainAndPromote(TempDirectory temp)
    {
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var pipeline = SyntheticPipeline.Create("data.csv", gates: Gates);
        var result = await pipeline.RunAsync(Options(temp));
        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        using var store = new PipelineStore(Options(temp).StorePath);
        store.Promote(SyntheticPipeline.Name, result.ModelVersion!.Value, ModelStages.Production, "tester", Approval);
        return (pipeline, result);
    }

    [Fact]
    public async Task The_card_has_every_section_with_the_versions_numbers_in_markdown_and_html()
    {
        using var temp = new TempDirectory();
        var (pipeline, result) = await TrainAndPromote(temp);

        var card = await pipeline.RenderModelCardAsync(Options(temp).StorePath, 1);

        Assert.Equal(SyntheticPipeline.Name, card.Name);
        Assert.Equal(1, card.Version);
        Assert.Null(card.PlotsOmittedReason);
        var md = card.Markdown;
        foreach (var heading in new[]
        {
            "# Model card: SyntheticPipeline v1", "## Intended use", "## Data", "### Columns", "## Features", "## Model", "## Metrics (holdout)",
            "## Holdout plots", "## Feature importance", "## Slices", "## Fairness", "### Segment", "## Gate verdicts",
            "## Approvals and stage history", "## Lineage", "## Reproduce",
        })
        {
            Assert.Contains("\n" + heading + "\n", "\n" + md, StringComparison.Ordinal);
        }

        // Identity, stage and gates.
        Assert.Contains("| stage | `production` |", md, StringComparison.Ordinal);
        Assert.Contains("| gates | **passed** |", md, StringComparison.Ordinal);
        Assert.Contains($"`{result.RunId}`", md, StringComparison.Ordinal);

        // Data: the snapshot, its rows and schema, column statistics from the stored profile.
        using (var store = new PipelineStore(Options(temp).StorePath))
        {
            var version = store.GetModelVersion(SyntheticPipeline.Name, 1)!;
            Assert.Contains("`sha256:" + version.Lineage["data_hash"] + "`", md, StringComparison.Ordinal);
            foreach (var (key, value) in version.Lineage)
            {
                Assert.Contains($"| `{key}` | `{value}` |", md, StringComparison.Ordinal);
            }
        }

        Assert.Contains("| rows | 600 |", md, StringComparison.Ordinal);
        Assert.Contains("`schema-hash-synthetic-1`", md, StringComparison.Ordinal);
        Assert.Contains("| `x1` | Double | - | 0% | mean ", md, StringComparison.Ordinal);
        Assert.Contains("| `segment` | String | - | 0% | 3 distinct; top: ", md, StringComparison.Ordinal);
        Assert.Contains("480 training rows, 120 holdout rows", md, StringComparison.Ordinal);

        // Features with their code hashes, the model with its hyperparameters, the headline metrics.
        Assert.Contains("| 1 | `x1` | `X1` | `code-x1` |", md, StringComparison.Ordinal);
        Assert.Contains("| 4 | `product` | `Product` | `code-prod` |", md, StringComparison.Ordinal);
        Assert.Contains("| `Leaves` | `8` |", md, StringComparison.Ordinal);
        Assert.Contains("| trainer | `LightGbm` |", md, StringComparison.Ordinal);
        Assert.Contains($"| `auc` | {ReportFormat.Number(result.Metrics["auc"])} |", md, StringComparison.Ordinal);
        Assert.Contains($"| `calibration_error` | {ReportFormat.Number(result.Metrics["calibration_error"])} |", md, StringComparison.Ordinal);

        // Slices and fairness from the stored breakdown metrics.
        foreach (var segment in new[] { "a", "b", "c" })
        {
            Assert.Contains($"| `Segment` | `{segment}` | {result.Metrics[$"slice.Segment={segment}.rows"]} | {ReportFormat.Number(result.Metrics[$"slice.Segment={segment}.auc"])} |", md, StringComparison.Ordinal);
            Assert.Contains($"| `{segment}` | {result.Metrics[$"fairness.Segment={segment}.rows"]} | {ReportFormat.Number(result.Metrics[$"fairness.Segment={segment}.positive_rate"])} |", md, StringComparison.Ordinal);
        }

        Assert.Contains($"| equalized odds difference | {ReportFormat.Number(result.Metrics["fairness.Segment.equalized_odds_difference"])} |", md, StringComparison.Ordinal);
        Assert.Contains($"| demographic parity difference | {ReportFormat.Number(result.Metrics["fairness.Segment.demographic_parity_difference"])} |", md, StringComparison.Ordinal);

        // Gate verdicts with thresholds and values.
        Assert.Contains("**passed**: 4 of 4 rules passed.", md, StringComparison.Ordinal);
        Assert.Contains($"| auc &gt;= 0.8 | `auc` | 0.8 | {ReportFormat.Number(result.Metrics["auc"])} | **passed** |", md, StringComparison.Ordinal);

        // The approval, escaped (Markdown punctuation and HTML), and the reproduce command.
        Assert.Contains("| alice | `promote` | `none` | `production` | &lt;script&gt;alert(1)&lt;/script&gt; beats \\| the baseline &amp; more | requested by tester |", md, StringComparison.Ordinal);
        Assert.Contains("dotnet run -- reproduce SyntheticPipeline 1", md, StringComparison.Ordinal);

        // The replay matches the registered metric; the signal feature ranks above the constant-ish segment flag.
        Assert.Contains("(**the registered value**)", md, StringComparison.Ordinal);
        var importance = md[md.IndexOf("| feature | drop in AUC | std |", StringComparison.Ordinal)..];
        Assert.True(importance.IndexOf("`x1`", StringComparison.Ordinal) < importance.IndexOf("`is_segment_b`", StringComparison.Ordinal));

        // The HTML page: the same content, the plots, everything escaped.
        var html = card.Html;
        ReportAssertions.SelfContained(html);
        Assert.Equal(["roc", "calibration", "confusion-matrix", "importance"], ReportAssertions.Plots(html));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; beats | the baseline &amp; more", html, StringComparison.Ordinal);
        Assert.Contains("<code>code-x1</code>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"fairness\">Fairness</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Plot (in the HTML version)", html, StringComparison.Ordinal);
        Assert.Contains("*Plot (in the HTML version): ROC curve, SyntheticPipeline v1 holdout*", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_version_renders_the_same_bytes()
    {
        using var temp = new TempDirectory();
        var (pipeline, _) = await TrainAndPromote(temp);

        var first = await pipeline.RenderModelCardAsync(Options(temp).StorePath, 1);
        var second = await pipeline.RenderModelCardAsync(Options(temp).StorePath, 1);

        Assert.Equal(first.Markdown, second.Markdown);
        Assert.Equal(first.Html, second.Html);
    }

    [Fact]
    public async Task A_version_of_other_feature_code_gets_a_card_without_plots_and_says_why()
    {
        using var temp = new TempDirectory();
        var (_, _) = await TrainAndPromote(temp);
        var changed = SyntheticPipeline.Create("data.csv", gates: Gates, featureSetHash: "feature-set-hash-2");

        var card = await changed.RenderModelCardAsync(Options(temp).StorePath, 1);

        Assert.Contains("feature_set_hash", card.PlotsOmittedReason, StringComparison.Ordinal);
        Assert.Contains("Not available: ", card.Markdown, StringComparison.Ordinal);
        Assert.Contains("NOT the feature code of this build", card.Markdown, StringComparison.Ordinal);
        Assert.Empty(ReportAssertions.Plots(card.Html));
        Assert.Contains("## Slices", card.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_regression_card_plots_residuals_and_predictions_against_actuals()
    {
        using var temp = new TempDirectory();
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var pipeline = SyntheticPipeline.Create("data.csv", gates: [new GateRule(Metric.R2, GateComparison.AtLeast, 0.5)], task: MlTask.Regression);
        var result = await pipeline.RunAsync(Options(temp));
        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);

        var card = await pipeline.RenderModelCardAsync(Options(temp).StorePath, result.ModelVersion!.Value);

        Assert.Null(card.PlotsOmittedReason);
        Assert.Equal(["residuals", "predicted-vs-actual", "importance"], ReportAssertions.Plots(card.Html));
        Assert.Contains("Predicts, for one row of dataset `Synthetic`, the value of `Amount` (regression", card.Markdown, StringComparison.Ordinal);
        Assert.Contains("| feature | drop in R2 | std |", card.Markdown, StringComparison.Ordinal);
        Assert.Contains("No slice metrics", card.Markdown, StringComparison.Ordinal);
        ReportAssertions.SelfContained(card.Html);
    }

    [Fact]
    public async Task Unknown_stores_and_versions_are_refused()
    {
        using var temp = new TempDirectory();
        var pipeline = SyntheticPipeline.Create("data.csv");
        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RenderModelCardAsync(temp.Combine("nowhere"), 1));
        await TrainAndPromote(temp);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RenderModelCardAsync(Options(temp).StorePath, 7));
        Assert.Contains("no version 7", error.Message, StringComparison.Ordinal);
    }
}
