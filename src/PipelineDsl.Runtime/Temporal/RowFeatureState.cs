namespace PipelineDsl.Runtime.Temporal;

/// <summary>The state of a feature set of pure row functions: there is none; both paths call the generated functions.</summary>
/// <typeparam name="TRow">The dataset row type.</typeparam>
internal sealed class RowFeatureState<TRow>(RowFeatureFunction<TRow> computeRow, BatchFeatureFunction<TRow> computeBatch) : IFeatureState<TRow>
{
    public IReadOnlyList<JoinReport> JoinReports => [];

    public void ComputeBatch(ReadOnlySpan<TRow> rows, Span<float> destination) => computeBatch(rows, destination);

    public void Compute(TRow row, Span<float> destination) => computeRow(row, destination);

    public void Observe(TRow row)
    {
    }

    public void SaveWindows(Stream stream)
    {
    }

    public void LoadWindows(Stream stream)
    {
    }
}
