namespace PipelineDsl.Runtime.Reports;

/// <summary>A paragraph of text runs.</summary>
/// <param name="Content">The runs, in order.</param>
internal sealed record ParagraphBlock(IReadOnlyList<ReportInline> Content) : ReportBlock;
