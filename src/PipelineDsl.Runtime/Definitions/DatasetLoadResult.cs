using PipelineDsl.Runtime.Data;

namespace PipelineDsl.Runtime;

/// <summary>What a generated CSV reader returns.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <param name="Path">The file read.</param>
/// <param name="Rows">Rows whose every cell parsed.</param>
/// <param name="LineNumbers">1-based source line of each row in <paramref name="Rows"/>.</param>
/// <param name="Errors">Every bad cell (first N in detail, all counted).</param>
public sealed record DatasetLoadResult<TRow>(string Path, TRow[] Rows, int[] LineNumbers, DataErrorReport Errors);
