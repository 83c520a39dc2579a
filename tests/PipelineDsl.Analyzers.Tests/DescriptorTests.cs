using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PipelineDsl.Analyzers.Tests.Infrastructure;

namespace PipelineDsl.Analyzers.Tests;

/// <summary>Every descriptor has a stable ID constant, the right category and help link, a docs page and a release-tracking row.</summary>
public sealed partial class DescriptorTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    [Fact]
    public void Every_descriptor_has_an_id_constant_category_help_link_and_is_supported_by_an_analyzer()
    {
        var ids = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToArray();
        var supported = AnalyzerTestHelper.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToArray();

        Assert.Equal(15, Descriptors.Length);
        Assert.Equal(ids.Order(StringComparer.Ordinal), Descriptors.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Equal(ids.Order(StringComparer.Ordinal), supported.Order(StringComparer.Ordinal));
        Assert.All(Descriptors, d =>
        {
            var family = d.Id[4];
            Assert.Equal(family == '0' ? "PipelineDsl.Leakage" : family == '1' ? "PipelineDsl.Skew" : "PipelineDsl.Pipeline", d.Category);
            Assert.Equal($"https://github.com/pipelinedsl/pipelinedsl/blob/main/docs/diagnostics/{d.Id}.md", d.HelpLinkUri);
            Assert.Equal(DiagnosticSeverity.Warning, d.DefaultSeverity);
            Assert.True(d.IsEnabledByDefault);
        });
    }

    [Fact]
    public void Every_descriptor_has_a_docs_page_with_a_bad_and_a_fixed_example()
    {
        var root = AnalyzerTestHelper.RepositoryRoot();
        Assert.All(Descriptors, d =>
        {
            var page = Path.Combine(root, "docs", "diagnostics", d.Id + ".md");
            Assert.True(File.Exists(page), $"{d.Id} has no docs page at {page}");
            var text = File.ReadAllText(page);
            Assert.StartsWith("# " + d.Id + ":", text, StringComparison.Ordinal);
            Assert.Contains("## Why", text, StringComparison.Ordinal);
            Assert.Contains("## Invalid", text, StringComparison.Ordinal);
            Assert.Contains("## Fixed", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_descriptor_has_a_release_tracking_row_with_its_category_and_severity()
    {
        var folder = Path.Combine(AnalyzerTestHelper.RepositoryRoot(), "analyzers", "PipelineDsl.Analyzers");
        var rows = File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Unshipped.md")))
            .Select(l => RowPattern().Match(l))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["id"].Value, m => (Category: m.Groups["category"].Value, Severity: m.Groups["severity"].Value), StringComparer.Ordinal);

        Assert.Equal(Descriptors.Select(d => d.Id).Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        Assert.All(Descriptors, d => Assert.Equal((d.Category, d.DefaultSeverity.ToString()), rows[d.Id]));
    }

    [GeneratedRegex(@"^(?<id>PDSL\d{3})\s*\|\s*(?<category>[\w.]+)\s*\|\s*(?<severity>\w+)\s*\|")]
    private static partial Regex RowPattern();
}
