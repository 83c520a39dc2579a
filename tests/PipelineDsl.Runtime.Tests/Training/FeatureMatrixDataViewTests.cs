using Microsoft.ML;
using Microsoft.ML.Data;
using PipelineDsl.Runtime.Training;

namespace PipelineDsl.Runtime.Tests.Training;

public class FeatureMatrixDataViewTests
{
    // 3 features x 4 rows, column-major: feature j of row i = 10 * j + i.
    private static readonly float[] Matrix = [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23];

    [Fact]
    public void Schema_has_sized_feature_vector_slot_names_and_label()
    {
        var view = new FeatureMatrixDataView(Matrix, 4, ["a", "b", "c"], labels: [1, 0, 1, 0]);
        var features = view.Schema[FeatureMatrixColumns.Features];
        var type = Assert.IsType<VectorDataViewType>(features.Type);
        Assert.Equal(3, type.Size);
        Assert.Equal(NumberDataViewType.Single, type.ItemType);
        Assert.Equal(BooleanDataViewType.Instance, view.Schema[FeatureMatrixColumns.Label].Type);
        VBuffer<ReadOnlyMemory<char>> names = default;
        features.GetSlotNames(ref names);
        Assert.Equal(["a", "b", "c"], names.DenseValues().Select(m => m.ToString()));
        Assert.Equal(4L, view.GetRowCount());

        var regression = new FeatureMatrixDataView(Matrix, 4, ["a", "b", "c"], labels: [1, 0, 1, 0], task: MlTask.Regression);
        Assert.Equal(NumberDataViewType.Single, regression.Schema[FeatureMatrixColumns.Label].Type);
        var unlabeled = new FeatureMatrixDataView(Matrix, 4, ["a", "b", "c"]);
        Assert.Null(unlabeled.Schema.GetColumnOrNull(FeatureMatrixColumns.Label));
    }

    [Fact]
    public void Cursor_reads_the_subset_rows_in_order()
    {
        var view = new FeatureMatrixDataView(Matrix, 4, ["a", "b", "c"], rows: [3, 1], labels: [1, 0, 1, 0.7f], task: MlTask.Regression);
        using var cursor = view.GetRowCursor(view.Schema);
        var features = cursor.GetGetter<VBuffer<float>>(view.Schema[FeatureMatrixColumns.Features]);
        var label = cursor.GetGetter<float>(view.Schema[FeatureMatrixColumns.Label]);
        var id = cursor.GetIdGetter();
        Assert.Equal(-1, cursor.Position);

        var rows = new List<(float[] Features, float Label, ulong Id, long Position)>();
        while (cursor.MoveNext())
        {
            VBuffer<float> f = default;
            float l = 0;
            DataViewRowId rowId = default;
            features(ref f);
            label(ref l);
            id(ref rowId);
            rows.Add((f.DenseValues().ToArray(), l, rowId.Low, cursor.Position));
        }

        Assert.Equal(2, rows.Count);
        Assert.Equal([3f, 13f, 23f], rows[0].Features);
        Assert.Equal(0.7f, rows[0].Label);
        Assert.Equal(3UL, rows[0].Id);
        Assert.Equal(0L, rows[0].Position);
        Assert.Equal([1f, 11f, 21f], rows[1].Features);
        Assert.Equal(1L, rows[1].Position);
        Assert.Equal(0, cursor.Batch);
        Assert.False(cursor.MoveNext());
    }

    [Fact]
    public void Inactive_columns_and_wrong_types_are_rejected()
    {
        var view = new FeatureMatrixDataView(Matrix, 4, ["a", "b", "c"], labels: [1, 0, 1, 0]);
        using var cursor = view.GetRowCursor([view.Schema[FeatureMatrixColumns.Features]]);
        Assert.True(cursor.IsColumnActive(view.Schema[FeatureMatrixColumns.Features]));
        Assert.False(cursor.IsColumnActive(view.Schema[FeatureMatrixColumns.Label]));
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<bool>(view.Schema[FeatureMatrixColumns.Label]));
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<float>(view.Schema[FeatureMatrixColumns.Features]));
    }

    [Fact]
    public void Works_with_ml_net_consumers()
    {
        var view = new FeatureMatrixDataView(Matrix, 4, ["a", "b", "c"], labels: [1, 0, 1, 0]);
        var context = new MLContext(1);
        var labels = view.GetColumn<bool>(FeatureMatrixColumns.Label).ToArray();
        Assert.Equal([true, false, true, false], labels);
        var preview = context.Data.CreateEnumerable<Row>(view, reuseRowObject: false).ToArray();
        Assert.Equal([2f, 12f, 22f], preview[2].Features);
    }

    [Fact]
    public void Bad_shapes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new FeatureMatrixDataView(Matrix, 5, ["a", "b", "c"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureMatrixDataView(Matrix, 4, ["a", "b", "c"], rows: [4]));
        Assert.Throws<ArgumentException>(() => new FeatureMatrixDataView(Matrix, 4, ["a", "b", "c"], labels: [1]));
    }

    public sealed class Row
    {
        [VectorType(3)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
