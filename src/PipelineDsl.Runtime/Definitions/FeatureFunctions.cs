namespace PipelineDsl.Runtime;

/// <summary>Computes every feature of one row into <paramref name="destination"/> (length: the feature count).</summary>
public delegate void RowFeatureFunction<TRow>(TRow row, Span<float> destination);

/// <summary>
/// Computes every feature of a batch, column-major: feature <c>j</c> of row <c>i</c> lands at
/// <c>destination[j * rows.Length + i]</c>.
/// </summary>
public delegate void BatchFeatureFunction<TRow>(ReadOnlySpan<TRow> rows, Span<float> destination);
