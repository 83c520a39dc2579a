using System.Text;

namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// Escaping for HTML and SVG (XML) text and attribute values: <c>&amp; &lt; &gt; " '</c> as entities, and characters
/// XML cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF) dropped, so any user text gives well-formed markup.
/// </summary>
internal static class MarkupText
{
    /// <summary>The text escaped for an HTML or XML text node or a quoted attribute value.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    sb.Append("&amp;");
                    continue;
                case '<':
                    sb.Append("&lt;");
                    continue;
                case '>':
                    sb.Append("&gt;");
                    continue;
                case '"':
                    sb.Append("&quot;");
                    continue;
                case '\'':
                    sb.Append("&#39;");
                    continue;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb.Append(c).Append(text[++i]);
                }

                continue;
            }

            if (char.IsLowSurrogate(c) || (c < ' ' && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF')
            {
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
