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

    /// <summary>The row function.</summary>
    public RowFeatureFunction<TRow> ComputeRow { get; }

    /// <summary>The columnar batch function.</summary>
    public BatchFeatureFunction<TRow> ComputeBatch { get; }
}
