using Microsoft.CodeAnalysis;
using PipelineDsl.Analyzers.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PipelineDsl.Analyzers.Tests;

/// <summary>
/// The syntax screen (which proves most feature bodies clean without binding them) must never change a result: every
/// [Feature] of every corpus file gets the same findings with the screen on as with every body bound and walked.
/// </summary>
public sealed class ScreenTests(ITestOutputHelper output)
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Corpus");

    [Fact]
    public void Screen_gives_the_same_findings_as_binding_every_body_over_the_whole_corpus()
    {
        int features = 0, screened = 0;
        foreach (var file in Directory.GetFiles(CorpusDirectory, "*.cs").Order(StringComparer.Ordinal))
        {
            var compilation = AnalyzerTestHelper.CreateCompilation((Path.GetFileName(file), File.ReadAllText(file)), (TestDatasets.Path, TestDatasets.Source));
            var withScreen = FeatureAnalysis.Create(compilation, screening: true)!;
            var bound = FeatureAnalysis.Create(compilation, screening: false)!;
            foreach (var method in FeatureMethods(compilation, withScreen.Symbols!.Feature))
            {
                features++;
                var expected = bound.Summarize(method, CancellationToken.None).Select(f => f.Id + "@" + f.Location.SourceSpan).ToArray();
                var actual = withScreen.Summarize(method, CancellationToken.None).Select(f => f.Id + "@" + f.Location.SourceSpan).ToArray();
                Assert.True(expected.SequenceEqual(actual), $"{Path.GetFileName(file)}: {method.Name}: bound [{string.Join(", ", expected)}], screened [{string.Join(", ", actual)}]");
                screened += withScreen.ProvedClean(method) ? 1 : 0;
            }

            Assert.Equal(0, bound.ScreenedClean);
        }

        output.WriteLine($"{features} features; the screen proved {screened} of them clean without binding them");
        Assert.True(screened >= 20, "The screen should prove the corpus's plain features clean; it proved " + screened);
    }

    [Theory]
    [InlineData("[Feature] public static float Ratio(Customer c) => c.DayCharge / (1f + c.DayMinutes);", true)]
    [InlineData("[Feature] public static float Tier(Customer c) => c.Plan switch { \"gold\" => 2f, _ => 0f };", true)]
    [InlineData("[Feature] public static float Calls(Customer c) { var n = c.ServiceCalls; return n > 3 ? 1f : 0f; }", true)]
    [InlineData("[Feature] public static float Label(Customer c) => c.Churn ? 1f : 0f;", false)]
    [InlineData("[Feature] public static float Spend(Customer c) => c.MonthlySpend ?? 0f;", false)]
    [InlineData("[Feature] public static float Text(Customer c) => c.DayMinutes.ToString(CultureInfo.InvariantCulture).Length;", false)]
    [InlineData("[Feature] public static float Lambda(Customer c) => new[] { c.DayMinutes }.Sum(x => x);", false)]
    [InlineData("[Feature] public static float Static(Customer c) => c.DayMinutes * Scale;\n private static float Scale = 2f;", false)]
    public void Screen_passes_plain_bodies_and_binds_anything_it_cannot_prove(string members, bool provedClean)
    {
        var compilation = AnalyzerTestHelper.CreateCompilation(
            ("Input.cs", "namespace Corpus;\n[FeatureSet(typeof(Customer))]\npublic static partial class F\n{\n" + members + "\n}\n"),
            (TestDatasets.Path, TestDatasets.Source));
        var analysis = FeatureAnalysis.Create(compilation, screening: true)!;
        var feature = FeatureMethods(compilation, analysis.Symbols!.Feature).Single();

        _ = analysis.Summarize(feature, CancellationToken.None);

        Assert.Equal(provedClean, analysis.ProvedClean(feature));
    }

    private static IEnumerable<IMethodSymbol> FeatureMethods(Compilation compilation, INamedTypeSymbol feature) =>
        compilation.GetSymbolsWithName(_ => true, SymbolFilter.Member)
            .OfType<IMethodSymbol>()
            .Where(m => m.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, feature)))
            .OrderBy(m => m.Name, StringComparer.Ordinal);
}
