namespace PipelineDsl.Runtime.Reports;

/// <summary>A table: a header row and data rows of one run of text per cell.</summary>
/// <param name="Headers">The column headers, unescaped.</param>
/// <param name="Rows">The rows; each has one cell per header.</param>
/// <param name="RightAligned">Which columns hold numbers (right-aligned); null for none.</param>
internal sealed record TableBlock(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<ReportInline>> Rows, IReadOnlyList<bool>? RightAligned = null) : ReportBlock;
