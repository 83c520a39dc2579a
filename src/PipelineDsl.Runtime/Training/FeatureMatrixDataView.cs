using Microsoft.ML;
using Microsoft.ML.Data;

namespace PipelineDsl.Runtime.Training;

/// <summary>
/// A hand-written <see cref="IDataView"/> over a column-major feature matrix (feature <c>j</c> of row <c>i</c> at
/// <c>[j * n + i]</c>, as the generated batch function writes it), a subset of its rows and, optionally, labels.
/// Schema: <c>Features</c> (a known-size <see cref="float"/> vector with the feature names as slot names) and,
/// when labels are given, <c>Label</c> (<see cref="bool"/> for binary classification, <see cref="float"/> for
/// regression). No reflection and no copy of the matrix.
/// </summary>
public sealed class FeatureMatrixDataView : IDataView
{
    private readonly float[] _matrix;
    private readonly int _totalRows;
    private readonly int _featureCount;
    private readonly int[] _rows;
    private readonly float[]? _labels;
    private readonly bool _booleanLabel;

    /// <summary>Creates the view.</summary>
    /// <param name="matrix">The column-major matrix, <c>featureNames.Count * totalRows</c> values.</param>
    /// <param name="totalRows">Number of rows in <paramref name="matrix"/>.</param>
    /// <param name="featureNames">The feature names, in vector order.</param>
    /// <param name="rows">Which rows of the matrix the view shows, in order (null: all of them).</param>
    /// <param name="labels">The label of every matrix row (indexed like the matrix), or null for no label column.</param>
    /// <param name="task">The task, which decides the label's type.</param>
    public FeatureMatrixDataView(
        float[] matrix,
        int totalRows,
        IReadOnlyList<string> featureNames,
        int[]? rows = null,
        float[]? labels = null,
        MlTask task = MlTask.BinaryClassification)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(featureNames);
        if (featureNames.Count == 0)
        {
            throw new ArgumentException("At least one feature is needed.", nameof(featureNames));
        }

        if (matrix.Length != (long)featureNames.Count * totalRows)
        {
            throw new ArgumentException(
                $"The matrix has {matrix.Length} values; expected {featureNames.Count} features x {totalRows} rows.", nameof(matrix));
        }

        if (labels is not null && labels.Length != totalRows)
        {
            throw new ArgumentException($"There are {labels.Length} labels for {totalRows} rows.", nameof(labels));
        }

        _rows = rows ?? Enumerable.Range(0, totalRows).ToArray();
        foreach (var row in _rows)
        {
            if ((uint)row >= (uint)totalRows)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row {row} is outside 0..{totalRows - 1}.");
            }
        }

        _matrix = matrix;
        _totalRows = totalRows;
        _featureCount = featureNames.Count;
        _labels = labels;
        _booleanLabel = task == MlTask.BinaryClassification;

        var names = featureNames.ToArray();
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.Add<VBuffer<ReadOnlyMemory<char>>>("SlotNames", new VectorDataViewType(TextDataViewType.Instance, names.Length), (ref VBuffer<ReadOnlyMemory<char>> value) =>
        {
            var editor = VBufferEditor.Create(ref value, names.Length);
            for (var i = 0; i < names.Length; i++)
            {
                editor.Values[i] = names[i].AsMemory();
            }

            value = editor.Commit();
        });

        var schema = new DataViewSchema.Builder();
        schema.AddColumn(FeatureMatrixColumns.Features, new VectorDataViewType(NumberDataViewType.Single, _featureCount), annotations.ToAnnotations());
        if (labels is not null)
        {
            schema.AddColumn(FeatureMatrixColumns.Label, _booleanLabel ? BooleanDataViewType.Instance : NumberDataViewType.Single);
        }

        Schema = schema.ToSchema();
    }

    /// <inheritdoc />
    public DataViewSchema Schema { get; }

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <summary>Number of rows the view shows.</summary>
    public int RowCount => _rows.Length;

    /// <inheritdoc />
    public long? GetRowCount() => _rows.Length;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = new bool[Schema.Count];
        foreach (var column in columnsNeeded ?? [])
        {
            active[column.Index] = true;
        }

        return new Cursor(this, active);
    }

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly FeatureMatrixDataView _view;
        private readonly bool[] _active;
        private long _position = -1;
        private bool _disposed;

        public Cursor(FeatureMatrixDataView view, bool[] active)
        {
            _view = view;
            _active = active;
        }

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        private int MatrixRow => _view._rows[_position];

        public override bool MoveNext()
        {
            if (_disposed)
            {
                return false;
            }

            if (_position + 1 < _view._rows.Length)
            {
                _position++;
                return true;
            }

            _position = _view._rows.Length;
            return false;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) =>
            {
                EnsureOnRow();
                value = new DataViewRowId((ulong)MatrixRow, 0);
            };

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index < 0 || column.Index >= _view.Schema.Count || _view.Schema[column.Index].Name != column.Name)
            {
                throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' is not in this view.");
            }

            if (!_active[column.Index])
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            }

            Delegate getter = column.Index switch
            {
                0 => (ValueGetter<VBuffer<float>>)GetFeatures,
                _ when _view._booleanLabel => (ValueGetter<bool>)GetBooleanLabel,
                _ => (ValueGetter<float>)GetSingleLabel,
            };

            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException(
                    $"Column '{column.Name}' has type {column.Type}; a getter of {typeof(TValue).Name} was requested.");
        }

        protected override void Dispose(bool disposing)
        {
            _disposed = true;
            base.Dispose(disposing);
        }

        private void GetFeatures(ref VBuffer<float> value)
        {
            EnsureOnRow();
            var k = _view._featureCount;
            var n = _view._totalRows;
            var row = MatrixRow;
            var matrix = _view._matrix;
            var editor = VBufferEditor.Create(ref value, k);
            var values = editor.Values;
            for (var j = 0; j < k; j++)
            {
                values[j] = matrix[(j * n) + row];
            }

            value = editor.Commit();
        }

        private void GetBooleanLabel(ref bool value)
        {
            EnsureOnRow();
            value = _view._labels![MatrixRow] > 0.5f;
        }

        private void GetSingleLabel(ref float value)
        {
            EnsureOnRow();
            value = _view._labels![MatrixRow];
        }

        private void EnsureOnRow()
        {
            if (_position < 0 || _position >= _view._rows.Length)
            {
                throw new InvalidOperationException("The cursor is not on a row.");
            }
        }
    }
}
