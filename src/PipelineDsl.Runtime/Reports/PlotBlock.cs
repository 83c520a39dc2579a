namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// An inline SVG plot (one of the <c>Svg*</c> builders' output, already escaped). The HTML rendering shows it (consecutive plots side by
/// side); the Markdown rendering names it.
/// </summary>
/// <param name="Svg">The <c>&lt;svg&gt;</c> element.</param>
/// <param name="Title">What the plot shows (unescaped): the Markdown rendering names it in place of the plot.</param>
internal sealed record PlotBlock(string Svg, string Title) : ReportBlock;
