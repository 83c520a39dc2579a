using ChurnPrediction;
using HousePrices;
using PipelineDsl.Runtime;

namespace PipelineDsl.IntegrationTests;

/// <summary>
/// ONE feature path: the batch function training uses and the row function prediction uses must produce
/// bit-identical values for every row of both samples' real data.
/// </summary>
public sealed class FeaturePathParityTests
{
    [Fact]
    public void Churn_row_and_batch_features_are_bit_identical_for_every_row() =>
        AssertParity(ChurnPipeline.Definition, SampleData.Churn, expectedRows: 5000);

    [Fact]
    public void HousePrices_row_and_batch_features_are_bit_identical_for_every_row() =>
        AssertParity(HousePricesPipeline.Definition, SampleData.Ames, expectedRows: 2930);

    private static void AssertParity<TRow>(PipelineDefinition<TRow> pipeline, string path, int expectedRows)
    {
        var load = pipeline.Dataset.ReadCsv(path);
        Assert.True(load.Errors.IsEmpty, load.Errors.Format());
        var rows = load.Rows;
        Assert.Equal(expectedRows, rows.Length);

        var k = pipeline.FeatureSet.Count;
        var batch = new float[k * rows.Length];
        pipeline.FeatureSet.ComputeBatch(rows, batch);

        var single = new float[k];
        for (var i = 0; i < rows.Length; i++)
        {
            pipeline.FeatureSet.ComputeRow(rows[i], single);
            for (var j = 0; j < k; j++)
            {
                var fromBatch = BitConverter.SingleToInt32Bits(batch[j * rows.Length + i]);
                var fromRow = BitConverter.SingleToInt32Bits(single[j]);
                if (fromBatch != fromRow)
                {
                    Assert.Fail($"row {i}, feature {pipeline.FeatureSet.Features[j].Name}: batch {batch[j * rows.Length + i]:R} != row {single[j]:R}");
                }
            }
        }
    }
}
