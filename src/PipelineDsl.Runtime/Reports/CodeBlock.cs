namespace PipelineDsl.Runtime.Reports;

/// <summary>A block of commands or code, shown verbatim.</summary>
/// <param name="Text">The text, unescaped.</param>
/// <param name="Language">The Markdown fence's language (<c>bash</c>), or empty.</param>
internal sealed record CodeBlock(string Text, string Language = "") : ReportBlock;
