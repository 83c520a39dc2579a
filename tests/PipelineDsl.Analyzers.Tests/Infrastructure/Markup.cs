using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace PipelineDsl.Analyzers.Tests.Infrastructure;

/// <summary>
/// The <c>{|ID:text|}</c> markup of analyzer and code-fix tests (shared with tests/PipelineDsl.CodeFixes.Tests, which
/// links this file).
/// </summary>
internal static class Markup
{
    /// <summary>Strips the markers, returning the plain source and the marked spans in source order.</summary>
    public static (string Source, List<(string Id, TextSpan Span)> Expected) Parse(string markup)
    {
        var builder = new StringBuilder();
        var expected = new List<(string Id, TextSpan Span)>();
        var open = new Stack<(string Id, int Start)>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                var colon = markup.IndexOf(':', i);
                open.Push((markup.Substring(i + 2, colon - i - 2), builder.Length));
                i = colon;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                var (id, start) = open.Pop();
                expected.Add((id, TextSpan.FromBounds(start, builder.Length)));
                i++;
            }
            else
            {
                builder.Append(markup[i]);
            }
        }

        expected.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return (builder.ToString(), expected);
    }
}
