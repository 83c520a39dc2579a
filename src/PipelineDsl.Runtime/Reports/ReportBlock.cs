namespace PipelineDsl.Runtime.Reports;

/// <summary>One block of a report: a heading, a paragraph, a table, a code block or a plot.</summary>
internal abstract record ReportBlock;
