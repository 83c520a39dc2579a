namespace PipelineDsl.Runtime.Temporal;

/// <summary>
/// Copies the members that window features aggregate out of one row (generated): numeric members as doubles (NaN for
/// a missing value), members counted distinctly as 64-bit keys (<see cref="CategoricalKey"/>).
/// </summary>
/// <typeparam name="TRow">The dataset row type.</typeparam>
public delegate void WindowValueExtractor<TRow>(TRow row, Span<double> numeric, Span<long> categorical);
