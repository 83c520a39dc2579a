using System.Text;

namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained HTML page: inline CSS, inline SVG plots, no script, no
/// external resource (a Content-Security-Policy forbids both), every piece of text escaped.
/// </summary>
internal static class HtmlRenderer
{
    /// <summary>The page's style sheet.</summary>
    private const string Css = """
        :root{color-scheme:light;--fg:#1f2937;--muted:#6b7280;--line:#e5e7eb;--head:#f3f4f6;--good:#047857;--bad:#b91c1c}
        body{margin:0;background:#fff;color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        main{max-width:1040px;margin:0 auto;padding:24px 20px 48px}
        h1{font-size:24px;margin:0 0 12px}
        h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
        h3{font-size:15px;margin:18px 0 6px}
        p{margin:8px 0}
        table{border-collapse:collapse;margin:8px 0 12px;font-size:13px}
        th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
        th{background:var(--head);font-weight:600}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        table.facts td:first-child{color:var(--muted);white-space:nowrap}
        code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:break-word}
        pre{background:var(--head);border:1px solid var(--line);padding:8px 12px;overflow-x:auto}
        .good{color:var(--good);font-weight:600}
        .bad{color:var(--bad);font-weight:600}
        .muted{color:var(--muted);font-style:italic}
        a{color:#1d4ed8}
        .plots{display:flex;flex-wrap:wrap;gap:16px;margin:8px 0 12px}
        figure{margin:0;border:1px solid var(--line);padding:4px;background:#fff}
        svg{display:block;max-width:100%;height:auto}
        """;

    /// <summary>The page, with <c>\n</c> line ends.</summary>
    public static string Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"PipelineDsl\">\n")
            .Append("<title>").Append(MarkupText.Escape(document.Title)).Append("</title>\n")
            .Append("<style>\n").Append(Css.Replace("\r\n", "\n", StringComparison.Ordinal)).Append("\n</style>\n</head>\n<body>\n<main>\n");
        var inPlots = false;
        foreach (var block in document.Blocks)
        {
            if (block is PlotBlock plot)
            {
                if (!inPlots)
                {
                    sb.Append("<div class=\"plots\">\n");
                    inPlots = true;
                }

                sb.Append("<figure>").Append(plot.Svg).Append("</figure>\n");
                continue;
            }

            if (inPlots)
            {
                sb.Append("</div>\n");
                inPlots = false;
            }

            switch (block)
            {
                case HeadingBlock heading:
                    var level = Math.Clamp(heading.Level, 1, 6);
                    sb.Append("<h").Append(level);
                    if (heading.Id is { Length: > 0 } id)
                    {
                        sb.Append(" id=\"").Append(MarkupText.Escape(id)).Append('"');
                    }

                    sb.Append('>').Append(MarkupText.Escape(heading.Text)).Append("</h").Append(level).Append(">\n");
                    break;
                case ParagraphBlock paragraph:
                    sb.Append("<p>");
                    foreach (var inline in paragraph.Content)
                    {
                        AppendInline(sb, inline);
                    }

                    sb.Append("</p>\n");
                    break;
                case TableBlock table:
                    AppendTable(sb, table);
                    break;
                case CodeBlock code:
                    sb.Append("<pre><code>").Append(MarkupText.Escape(code.Text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'))).Append("</code></pre>\n");
                    break;
                default:
                    throw new NotSupportedException($"Unknown report block {block.GetType().Name}.");
            }
        }

        if (inPlots)
        {
            sb.Append("</div>\n");
        }

        return sb.Append("</main>\n</body>\n</html>\n").ToString();
    }

    private static void AppendTable(StringBuilder sb, TableBlock table)
    {
        var facts = table.Headers.All(h => h.Length == 0);
        sb.Append(facts ? "<table class=\"facts\">\n" : "<table>\n");
        bool Right(int c) => table.RightAligned is { } right && c < right.Count && right[c];
        if (!facts)
        {
            sb.Append("<thead><tr>");
            for (var c = 0; c < table.Headers.Count; c++)
            {
                sb.Append(Right(c) ? "<th class=\"num\">" : "<th>").Append(MarkupText.Escape(table.Headers[c])).Append("</th>");
            }

            sb.Append("</tr></thead>\n");
        }

        sb.Append("<tbody>\n");
        foreach (var row in table.Rows)
        {
            sb.Append("<tr>");
            for (var c = 0; c < row.Count; c++)
            {
                sb.Append(Right(c) ? "<td class=\"num\">" : "<td>");
                AppendInline(sb, row[c]);
                sb.Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
    }

    private static void AppendInline(StringBuilder sb, ReportInline inline)
    {
        var text = MarkupText.Escape(inline.Text);
        _ = inline.Kind switch
        {
            InlineKind.Code => sb.Append("<code>").Append(text).Append("</code>"),
            InlineKind.Strong => sb.Append("<strong>").Append(text).Append("</strong>"),
            InlineKind.Good => sb.Append("<span class=\"good\">").Append(text).Append("</span>"),
            InlineKind.Bad => sb.Append("<span class=\"bad\">").Append(text).Append("</span>"),
            InlineKind.Muted => sb.Append("<span class=\"muted\">").Append(text).Append("</span>"),
            InlineKind.Link when inline.Href is { } href => sb.Append("<a href=\"").Append(MarkupText.Escape(href)).Append("\">").Append(text).Append("</a>"),
            _ => sb.Append(text),
        };
    }
}
