namespace PipelineDsl.Runtime.Reports;

/// <summary>A run of report text and how it is set. The text is raw: each renderer escapes it.</summary>
/// <param name="Text">The text, unescaped.</param>
/// <param name="Kind">How it is set.</param>
/// <param name="Href">The target of a <see cref="InlineKind.Link"/> (a relative URL, unescaped); null otherwise.</param>
internal sealed record ReportInline(string Text, InlineKind Kind = InlineKind.Text, string? Href = null)
{
    /// <summary>A link to <paramref name="href"/> (a relative URL).</summary>
    public static ReportInline Link(string text, string href) => new(text, InlineKind.Link, href);

    /// <summary>Plain text.</summary>
    public static ReportInline Plain(string text) => new(text);

    /// <summary>Verbatim, monospace text (identifiers, hashes, values).</summary>
    public static ReportInline Code(string text) => new(text, InlineKind.Code);

    /// <summary>A verdict: <c>passed</c> (good) or <c>FAILED</c> (bad).</summary>
    public static ReportInline Verdict(bool passed) => passed ? new("passed", InlineKind.Good) : new("FAILED", InlineKind.Bad);

    /// <summary>Plain text from a string.</summary>
    public static implicit operator ReportInline(string text) => new(text);
}
