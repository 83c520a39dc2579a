namespace PipelineDsl.Runtime.Reports;

/// <summary>How a piece of report text is set.</summary>
internal enum InlineKind
{
    /// <summary>Plain text.</summary>
    Text,

    /// <summary>An identifier, hash, path or value: monospace, verbatim.</summary>
    Code,

    /// <summary>Emphasised text.</summary>
    Strong,

    /// <summary>A good verdict (passed): green in HTML, bold in Markdown.</summary>
    Good,

    /// <summary>A bad verdict (failed): red in HTML, bold in Markdown.</summary>
    Bad,

    /// <summary>A neutral status (cached, skipped): grey in HTML, italic in Markdown.</summary>
    Muted,

    /// <summary>A link to <see cref="ReportInline.Href"/> (the dashboard's pages): an anchor in HTML, a link in Markdown.</summary>
    Link,
}
