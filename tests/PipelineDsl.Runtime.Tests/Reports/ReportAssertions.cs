using System.Text.RegularExpressions;
using System.Xml.Linq;
using PipelineDsl.Runtime.Reports;

namespace PipelineDsl.Runtime.Tests.Reports;

/// <summary>Checks shared by the card and report tests.</summary>
internal static partial class ReportAssertions
{
    /// <summary>Every inline SVG of the page, parsed; each must be well-formed XML on its own.</summary>
    public static IReadOnlyList<XElement> Svgs(string html) =>
        SvgElement().Matches(html).Select(m => XDocument.Parse(m.Value).Root!).ToArray();

    /// <summary>The <c>data-plot</c> values of the page's SVGs.</summary>
    public static IReadOnlyList<string> Plots(string html) => Svgs(html).Select(s => (string)s.Attribute("data-plot")!).ToArray();

    /// <summary>A self-contained page: no script, no external reference, no undefined number printed.</summary>
    public static void SelfContained(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace(SvgCanvas.Namespace, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<svg .*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgElement();
}
