using PipelineDsl.Runtime.Temporal;

namespace PipelineDsl.Runtime;

/// <summary>
/// A feature set declared with <see cref="FeatureSetAttribute"/>: the ONE feature path that training and
/// prediction both call. The generator builds it from the user's feature methods.
/// </summary>
/// <typeparam name="TRow">The dataset row type.</typeparam>
public sealed class FeatureSetDefinition<TRow>
{
    /// <summary>Creates the definition (called by generated code).</summary>
    public FeatureSetDefinition(
        string name,
        string datasetName,
        IReadOnlyList<FeatureDefinition> features,
        string hash,
        RowFeatureFunction<TRow> computeRow,
        BatchFeatureFunction<TRow> computeBatch)
    {
        Name = name;
        DatasetName = datasetName;
        Features = features;
        Hash = hash;
        ComputeRow = computeRow;
        ComputeBatch = computeBatch;
        Windows = [];
        JoinedDatasets = [];
        _createState = _ => new RowFeatureState<TRow>(computeRow, computeBatch);
    }

    /// <summary>Creates the definition of a point-in-time feature set: window features and/or as-of joins (called by generated code).</summary>
    /// <param name="name">The feature set's name.</param>
    /// <param name="datasetName">The dataset it reads.</param>
    /// <param name="features">The features, in vector order (row features, then windows).</param>
    /// <param name="hash">The feature set hash (feature code, window and join declarations).</param>
    /// <param name="windows">The window features.</param>
    /// <param name="joinedDatasets">The datasets joined as of each row's time, in join order.</param>
    /// <param name="createState">Creates the state from the joined datasets' rows (one array per join, in join order).</param>
    public FeatureSetDefinition(
        string name,
        string datasetName,
        IReadOnlyList<FeatureDefinition> features,
        string hash,
        IReadOnlyList<WindowSpec> windows,
        IReadOnlyList<IDatasetDefinition> joinedDatasets,
        Func<IReadOnlyList<Array>, IFeatureState<TRow>> createState)
    {
        Name = name;
        DatasetName = datasetName;
        Features = features;
        Hash = hash;
        Windows = windows;
        JoinedDatasets = joinedDatasets;
        _createState = createState;
        ComputeRow = static (_, _) => throw new InvalidOperationException(PointInTimeMessage);
        ComputeBatch = static (_, _) => throw new InvalidOperationException(PointInTimeMessage);
    }

    private const string PointInTimeMessage =
        "This feature set has window features or as-of joins: a row's features depend on earlier rows, so compute them through CreateState.";

    private readonly Func<IReadOnlyList<Array>, IFeatureState<TRow>> _createState;

    /// <summary>The window features (empty for a feature set of row functions).</summary>
    public IReadOnlyList<WindowSpec> Windows { get; }

    /// <summary>The datasets joined as of each row's time (empty without as-of joins).</summary>
    public IReadOnlyList<IDatasetDefinition> JoinedDatasets { get; }

    /// <summary>Whether features depend on other rows (windows) or datasets (joins), not on the row alone.</summary>
    public bool IsPointInTime => Windows.Count > 0 || JoinedDatasets.Count > 0;

    /// <summary>
    /// Creates an empty feature state over the joined datasets' rows (one array per entry of
    /// <see cref="JoinedDatasets"/>): the object both training and serving compute features through.
    /// </summary>
    public IFeatureState<TRow> CreateState(IReadOnlyList<Array> joinedRows)
    {
        ArgumentNullException.ThrowIfNull(joinedRows);
        if (joinedRows.Count != JoinedDatasets.Count)
        {
            throw new ArgumentException($"Feature set {Name} joins {JoinedDatasets.Count} datasets; {joinedRows.Count} row arrays were given.", nameof(joinedRows));
        }

        return _createState(joinedRows);
    }

    /// <summary>The feature set's name (its class name).</summary>
    public string Name { get; }

    /// <summary>The dataset it reads.</summary>
    public string DatasetName { get; }

    /// <summary>The features, in vector order.</summary>
    public IReadOnlyList<FeatureDefinition> Features { get; }

    /// <summary>Number of features.</summary>
    public int Count => Features.Count;

    /// <summary>SHA-256 over the feature code hashes, names and order.</summary>
    public string Hash { get; }

    /// <summary>The row function (a feature set of row functions only; point-in-time sets go through <see cref="CreateState"/>).</summary>
    public RowFeatureFunction<TRow> ComputeRow { get; }

    /// <summary>The columnar batch function.</summary>
    public BatchFeatureFunction<TRow> ComputeBatch { get; }
}
