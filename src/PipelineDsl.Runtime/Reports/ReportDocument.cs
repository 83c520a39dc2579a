namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// A report as a list of blocks, built once and rendered by <see cref="MarkdownRenderer"/> and
/// <see cref="HtmlRenderer"/>, so both renderings carry the same content. Text is kept raw; each renderer escapes it.
/// </summary>
internal sealed class ReportDocument(string title)
{
    private readonly List<ReportBlock> _blocks = [];

    /// <summary>The document's title (the HTML page title).</summary>
    public string Title { get; } = title;

    /// <summary>The blocks, in order.</summary>
    public IReadOnlyList<ReportBlock> Blocks => _blocks;

    /// <summary>Adds a heading.</summary>
    public ReportDocument Heading(int level, string text, string? id = null)
    {
        _blocks.Add(new HeadingBlock(level, text, id));
        return this;
    }

    /// <summary>Adds a paragraph.</summary>
    public ReportDocument Paragraph(params ReportInline[] content)
    {
        _blocks.Add(new ParagraphBlock(content));
        return this;
    }

    /// <summary>Adds a table.</summary>
    public ReportDocument Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<ReportInline>> rows, IReadOnlyList<bool>? rightAligned = null)
    {
        var list = rows.ToList();
        foreach (var row in list)
        {
            if (row.Count != headers.Count)
            {
                throw new ArgumentException($"A table row has {row.Count} cells for {headers.Count} columns.", nameof(rows));
            }
        }

        _blocks.Add(new TableBlock(headers, list, rightAligned));
        return this;
    }

    /// <summary>Adds a two-column table of facts (no header row in HTML).</summary>
    public ReportDocument Facts(IEnumerable<(string Name, ReportInline Value)> facts) =>
        Table(["", ""], facts.Select(f => (IReadOnlyList<ReportInline>)[ReportInline.Plain(f.Name), f.Value]));

    /// <summary>Adds a code block.</summary>
    public ReportDocument Code(string text, string language = "")
    {
        _blocks.Add(new CodeBlock(text, language));
        return this;
    }

    /// <summary>Adds a plot.</summary>
    public ReportDocument Plot(string svg, string title)
    {
        _blocks.Add(new PlotBlock(svg, title));
        return this;
    }
}
