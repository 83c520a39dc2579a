namespace PipelineDsl.Runtime.Reports;

/// <summary>A section heading.</summary>
/// <param name="Level">1 for the title, 2 for a section, 3 for a subsection.</param>
/// <param name="Text">The heading, unescaped.</param>
/// <param name="Id">The HTML anchor id (letters, digits and dashes), or null.</param>
internal sealed record HeadingBlock(int Level, string Text, string? Id = null) : ReportBlock;
