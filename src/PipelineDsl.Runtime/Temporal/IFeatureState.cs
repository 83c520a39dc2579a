namespace PipelineDsl.Runtime.Temporal;

/// <summary>
/// A feature set's computation with its state: the entity windows and as-of join indexes of a point-in-time feature
/// set (generated as <c>{FeatureSet}.State</c>), or nothing for a feature set of pure row functions. Training calls
/// <see cref="ComputeBatch"/>, serving calls <see cref="Compute"/> and <see cref="Observe"/>; both run the same
/// generated code.
/// </summary>
/// <typeparam name="TRow">The dataset row type.</typeparam>
public interface IFeatureState<TRow>
{
    /// <summary>
    /// Computes every feature of every row, column-major (<c>destination[j * rows.Length + i]</c>). Window features are
    /// computed by replaying the rows in (entity, time) order through the state, each row queried before it is
    /// observed; afterwards the state holds every row, ready to serve.
    /// </summary>
    void ComputeBatch(ReadOnlySpan<TRow> rows, Span<float> destination);

    /// <summary>Computes one row's features from the current state, as of the row's timestamp. Does not observe it.</summary>
    void Compute(TRow row, Span<float> destination);

    /// <summary>Adds an event (a row whose values are now known) to its entity's windows.</summary>
    void Observe(TRow row);

    /// <summary>The as-of joins' match counts from the last <see cref="ComputeBatch"/>; empty without joins.</summary>
    IReadOnlyList<JoinReport> JoinReports { get; }

    /// <summary>Writes the window state (nothing when there are no windows).</summary>
    void SaveWindows(Stream stream);

    /// <summary>Restores the window state written by <see cref="SaveWindows"/> under the same feature set hash.</summary>
    void LoadWindows(Stream stream);
}
