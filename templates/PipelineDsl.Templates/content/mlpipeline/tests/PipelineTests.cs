using PipelineDsl.Runtime;

namespace MlPipeline1.Tests;

#if (binary)
using Row = MlPipeline1.Customer;
#else
using Row = MlPipeline1.House;
#endif

public sealed class PipelineTests
{
#if (binary)
    private static readonly PipelineDefinition<Row> Pipeline = ChurnPipeline.Definition;
#else
    private static readonly PipelineDefinition<Row> Pipeline = HousePricesPipeline.Definition;
#endif

    private static readonly string DatasetPath = Path.Combine(AppContext.BaseDirectory, "data", "dataset.csv");

    [Fact]
    public void The_dataset_file_reads_without_errors()
    {
        var load = Pipeline.Dataset.ReadCsv(DatasetPath);

        Assert.True(load.Errors.IsEmpty, load.Errors.Format());
        Assert.NotEmpty(load.Rows);
    }

    /// <summary>Training uses the batch function and prediction the row function: they must agree bit for bit.</summary>
    [Fact]
    public void Row_and_batch_features_are_bit_identical_for_every_row()
    {
        var rows = Pipeline.Dataset.ReadCsv(DatasetPath).Rows;
        var k = Pipeline.FeatureSet.Count;
        var batch = new float[k * rows.Length];
        Pipeline.FeatureSet.ComputeBatch(rows, batch);

        var single = new float[k];
        for (var i = 0; i < rows.Length; i++)
        {
            Pipeline.FeatureSet.ComputeRow(rows[i], single);
            for (var j = 0; j < k; j++)
            {
                Assert.True(
                    BitConverter.SingleToInt32Bits(batch[j * rows.Length + i]) == BitConverter.SingleToInt32Bits(single[j]),
                    $"row {i}, feature {Pipeline.FeatureSet.Features[j].Name}: batch {batch[j * rows.Length + i]:R} != row {single[j]:R}");
            }
        }
    }
}
