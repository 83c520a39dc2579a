using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Prediction;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Prediction;

public class PredictorTests
{
    private static async Task<(TempDirectory Temp, PipelineDefinition<SyntheticRow> Pipeline, string Store)> TrainedAsync()
    {
        var temp = new TempDirectory();
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        var pipeline = SyntheticPipeline.Create("data.csv");
        var options = new PipelineRunOptions { StorePath = temp.Combine("store"), SourceSearchPaths = [temp.Path] };
        var result = await pipeline.RunAsync(options);
        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        return (temp, pipeline, options.StorePath);
    }

    [Fact]
    public async Task Predicts_rows_through_the_row_feature_function()
    {
        var (temp, pipeline, store) = await TrainedAsync();
        using (temp)
        using (var predictor = pipeline.LoadPredictor(store))
        {
            Assert.Equal(1, predictor.ModelVersion);
            var positive = predictor.Predict(new SyntheticRow(1, 8, 4, "a", false, 0, DateTime.UtcNow));
            var negative = predictor.Predict(new SyntheticRow(2, -8, -4, "c", false, 0, DateTime.UtcNow));
            Assert.True(positive.PredictedLabel);
            Assert.False(negative.PredictedLabel);
            Assert.True(positive.Probability > 0.8f, $"p={positive.Probability}");
            Assert.True(negative.Probability < 0.2f, $"p={negative.Probability}");
            Assert.True(positive.Score > negative.Score);
            Assert.Equal(1, positive.ModelVersion);
        }
    }

    [Fact]
    public async Task Predicts_a_csv_file_without_the_generic_type()
    {
        var (temp, pipeline, store) = await TrainedAsync();
        using (temp)
        {
            IPipelineDefinition untyped = pipeline;
            var result = await untyped.PredictCsvAsync(store, null, temp.Combine("data.csv"));
            Assert.Equal(600, result.Rows.Count);
            Assert.True(result.Errors.IsEmpty);
            Assert.Equal(2, result.Rows[0].Line);
            Assert.Equal(1, result.ModelVersion);

            // Predictions agree with the labels on most of the (training + holdout) rows.
            var rows = pipeline.Dataset.ReadCsv(temp.Combine("data.csv")).Rows;
            var agree = rows.Zip(result.Rows).Count(p => p.First.Churned == p.Second.Prediction.PredictedLabel);
            Assert.True(agree > 540, $"{agree}/600");
        }
    }

    [Fact]
    public async Task Refuses_a_version_trained_with_other_features()
    {
        var (temp, pipeline, store) = await TrainedAsync();
        using (temp)
        {
            var changed = new PipelineDefinition<SyntheticRow>(
                pipeline.Name, pipeline.Dataset, SyntheticPipeline.FeatureSet("feature-set-hash-2"), pipeline.Model, pipeline.Gates, pipeline.Split, pipeline.Graph);
            var error = Assert.Throws<InvalidOperationException>(() => Predictor<SyntheticRow>.Load(changed, store));
            Assert.Contains("features changed since SyntheticPipeline v1", error.Message);
            Assert.Throws<InvalidOperationException>(() => Predictor<SyntheticRow>.Load(pipeline, store, version: 9));
        }
    }
}
