using System.Buffers;

namespace PipelineDsl.Runtime;

/// <summary>
/// The columnar batch path of a feature set of row functions, built on its row function: every row goes through the
/// generated <c>ComputeRow</c>, so batch and row values are the same computation, and the generated code stays one line
/// per feature (a batch body per feature would multiply what the compiler has to build).
/// </summary>
public static class FeatureBatch
{
    /// <summary>
    /// Computes every row with <paramref name="computeRow"/> and writes feature <c>j</c> of row <c>i</c> to
    /// <c>destination[j * rows.Length + i]</c>.
    /// </summary>
    public static void FromRows<TRow>(ReadOnlySpan<TRow> rows, Span<float> destination, int featureCount, RowFeatureFunction<TRow> computeRow)
    {
        ArgumentNullException.ThrowIfNull(computeRow);
        var n = rows.Length;
        if (destination.Length < (long)featureCount * n)
        {
            throw new ArgumentException("The destination must hold at least FeatureCount * rows.Length values.", nameof(destination));
        }

        float[]? rented = null;
        var buffer = featureCount <= 256 ? stackalloc float[featureCount] : (rented = ArrayPool<float>.Shared.Rent(featureCount)).AsSpan(0, featureCount);
        try
        {
            for (var i = 0; i < n; i++)
            {
                computeRow(rows[i], buffer);
                for (var j = 0; j < featureCount; j++)
                {
                    destination[(j * n) + i] = buffer[j];
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }
}
