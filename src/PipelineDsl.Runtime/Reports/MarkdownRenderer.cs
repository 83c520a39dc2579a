using System.Text;

namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as GitHub-flavoured Markdown. Free text is escaped (Markdown punctuation with
/// a backslash, <c>&lt; &gt; &amp;</c> as entities, so no user text can inject HTML or links); identifiers and values go
/// in code spans; pipes are escaped inside tables; a plot is named in place of its picture.
/// </summary>
internal static class MarkdownRenderer
{
    /// <summary>The Markdown text, with <c>\n</c> line ends and a final newline.</summary>
    public static string Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    sb.Append('#', Math.Clamp(heading.Level, 1, 6)).Append(' ').Append(Text(heading.Text)).Append("\n\n");
                    break;
                case ParagraphBlock paragraph:
                    sb.Append(Inlines(paragraph.Content, inTable: false)).Append("\n\n");
                    break;
                case TableBlock table:
                    WriteTable(sb, table);
                    break;
                case CodeBlock code:
                    var fence = new string('`', Math.Max(3, LongestRun(code.Text, '`') + 1));
                    sb.Append(fence).Append(code.Language).Append('\n').Append(code.Text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n')).Append('\n').Append(fence).Append("\n\n");
                    break;
                case PlotBlock plot:
                    sb.Append('*').Append(Text("Plot (in the HTML version): " + plot.Title)).Append("*\n\n");
                    break;
                default:
                    throw new NotSupportedException($"Unknown report block {block.GetType().Name}.");
            }
        }

        return sb.ToString().TrimEnd('\n') + "\n";
    }

    private static void WriteTable(StringBuilder sb, TableBlock table)
    {
        sb.Append('|');
        foreach (var header in table.Headers)
        {
            sb.Append(' ').Append(header.Length == 0 ? " " : Text(header)).Append(" |");
        }

        sb.Append("\n|");
        for (var c = 0; c < table.Headers.Count; c++)
        {
            sb.Append(table.RightAligned is { } right && c < right.Count && right[c] ? "---:|" : "---|");
        }

        sb.Append('\n');
        foreach (var row in table.Rows)
        {
            sb.Append('|');
            foreach (var cell in row)
            {
                var text = Inline(cell, inTable: true);
                sb.Append(' ').Append(text.Length == 0 ? " " : text).Append(" |");
            }

            sb.Append('\n');
        }

        sb.Append('\n');
    }

    private static string Inlines(IEnumerable<ReportInline> content, bool inTable) => string.Concat(content.Select(i => Inline(i, inTable)));

    private static string Inline(ReportInline inline, bool inTable) => inline.Kind switch
    {
        _ when inline.Text.Length == 0 => string.Empty,
        InlineKind.Code => CodeSpan(inline.Text, inTable),
        InlineKind.Strong or InlineKind.Good or InlineKind.Bad => "**" + Text(inline.Text).Trim() + "**",
        InlineKind.Muted => "*" + Text(inline.Text).Trim() + "*",
        InlineKind.Link when inline.Href is { } href => "[" + Text(inline.Text) + "](" + href.Replace(" ", "%20", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal) + ")",
        _ => Text(inline.Text),
    };

    /// <summary>Free text with Markdown punctuation escaped and HTML's special characters as entities, on one line.</summary>
    internal static string Text(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in OneLine(text))
        {
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '|' or '!' or '~':
                    sb.Append('\\').Append(c);
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '&':
                    sb.Append("&amp;");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>A code span that holds <paramref name="text"/> verbatim: a longer fence than any backtick run inside, pipes escaped in tables.</summary>
    internal static string CodeSpan(string text, bool inTable)
    {
        var content = OneLine(text);
        if (inTable)
        {
            // GFM splits table cells on '|' before it parses code spans; "\|" keeps the pipe in the span.
            content = content.Replace("|", "\\|", StringComparison.Ordinal);
        }

        var fence = new string('`', LongestRun(content, '`') + 1);
        var pad = content.StartsWith('`') || content.EndsWith('`') || (content.StartsWith(' ') && content.EndsWith(' ') && content.Trim().Length > 0) ? " " : string.Empty;
        return fence + pad + content + pad + fence;
    }

    private static string OneLine(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
