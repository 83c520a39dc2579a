using PipelineDsl.Analyzers.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PipelineDsl.Analyzers.Tests;

/// <summary>
/// Runs every labelled snippet under <c>Corpus/</c> (header <c>// expect: PDSL001, PDSL101</c> or <c>// expect: none</c>),
/// asserts the exact set of reported IDs per file, and prints precision and recall per family.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDirectory, "*.cs").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_file_reports_exactly_the_expected_ids(string file)
    {
        var (expected, actual) = Run(file);
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Corpus_precision_and_recall_per_family()
    {
        var families = new Dictionary<string, (int Tp, int Fp, int Fn)>(StringComparer.Ordinal) { ["leakage"] = default, ["skew"] = default };
        var files = Directory.GetFiles(CorpusDirectory, "*.cs").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        int positives = 0, negatives = 0;
        foreach (var file in files)
        {
            var (expected, actual) = Run(file);
            if (expected.Count == 0)
            {
                negatives++;
            }
            else
            {
                positives++;
            }

            foreach (var id in expected.Union(actual))
            {
                var family = id.StartsWith("PDSL0", StringComparison.Ordinal) ? "leakage" : "skew";
                var (tp, fp, fn) = families[family];
                families[family] = (tp + (expected.Contains(id) && actual.Contains(id) ? 1 : 0), fp + (!expected.Contains(id) ? 1 : 0), fn + (!actual.Contains(id) ? 1 : 0));
            }
        }

        output.WriteLine($"corpus: {files.Length} files ({positives} with expected diagnostics, {negatives} expecting none)");
        foreach (var (family, (tp, fp, fn)) in families)
        {
            var precision = tp + fp == 0 ? 1.0 : (double)tp / (tp + fp);
            var recall = tp + fn == 0 ? 1.0 : (double)tp / (tp + fn);
            output.WriteLine($"{family,-8} TP={tp} FP={fp} FN={fn} precision={precision:P1} recall={recall:P1}");
        }

        Assert.True(files.Length >= 60, "The corpus should stay large");
        Assert.True(negatives >= 30, "The corpus needs many suspicious-looking negatives");
        Assert.All(families.Values, f => Assert.Equal(0, f.Fp));
    }

    private static (HashSet<string> Expected, HashSet<string> Actual) Run(string file)
    {
        var source = File.ReadAllText(Path.Combine(CorpusDirectory, file));
        var header = source.Split('\n')[0].Trim();
        Assert.StartsWith("// expect:", header, StringComparison.Ordinal);
        var list = header["// expect:".Length..].Trim();
        var expected = list == "none"
            ? new HashSet<string>(StringComparer.Ordinal)
            : list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

        var diagnostics = AnalyzerTestHelper.Analyze((file, source), (TestDatasets.Path, TestDatasets.Source));
        return (expected, diagnostics.Select(d => d.Id).ToHashSet(StringComparer.Ordinal));
    }
}
