using System.Text.RegularExpressions;

namespace PipelineDsl.IntegrationTests;

/// <summary>
/// samples/LeakageGallery, built for real with `dotnet build`: exactly one warning per documented rule it shows, each
/// in the file named after it, with its help link, and no other warning.
/// </summary>
public sealed partial class LeakageGalleryTests
{
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["PDSL001"] = "LabelThroughHelpers.cs",
        ["PDSL002"] = "NotAvailableAtPrediction.cs",
        ["PDSL003"] = "RandomSplitOfMonths.cs",
        ["PDSL004"] = "WholeDatasetStatistic.cs",
        ["PDSL005"] = "LateWindow.cs",
        ["PDSL006"] = "TargetEncoding.cs",
        ["PDSL101"] = "NonDeterminism.cs",
        ["PDSL102"] = "CultureSensitiveParse.cs",
        ["PDSL103"] = "MutableStaticState.cs",
        ["PDSL104"] = "ExternalState.cs",
        ["PDSL105"] = "NullableWithoutDefault.cs",
        ["PDSL106"] = "MachineTimeZone.cs",
        ["PDSL210"] = "EmptyFeatureSet.cs",
        ["PDSL215"] = "GateMetricOfAnotherTask.cs",
        ["PDSL216"] = "WorstFoldWithoutBacktest.cs",
        ["PDSL217"] = "SliceOfMissingMember.cs",
        ["PDSL220"] = "DeployedWithoutGate.cs",
        ["PDSL223"] = "DeployedWithoutMonitor.cs",
    };

    [Fact]
    public async Task The_gallery_builds_with_one_warning_per_rule_and_nothing_else()
    {
        var project = Path.Combine(SampleData.RepositoryRoot, "samples", "LeakageGallery", "LeakageGallery.csproj");
        var configuration = SampleProcess.Configuration;

        // The solution build has built the gallery's references; rebuild the gallery alone so its warnings show again.
        var (code, text) = await DotnetCli.RunAsync(["build", project, "-c", configuration, "-nologo", "-clp:NoSummary", "--no-incremental", "--no-dependencies", "--no-restore"]);
        Assert.True(code == 0, text);

        var warnings = Warning().Matches(text)
            .Select(m => (Id: m.Groups["id"].Value, File: Path.GetFileName(m.Groups["file"].Value), Help: m.Groups["help"].Value))
            .Distinct()
            .ToList();
        Assert.Equal(Expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"), warnings.Select(w => $"{w.Id} {w.File}").Order(StringComparer.Ordinal));
        Assert.All(warnings, w => Assert.EndsWith($"docs/diagnostics/{w.Id}.md", w.Help, StringComparison.Ordinal));
    }

    // Every warning of any kind, so that an unexpected one fails the test; PDSL ones carry a help link.
    [GeneratedRegex(@"(?<file>[^\s:]+\.cs)\((?<line>\d+),\d+\): warning (?<id>[A-Z]+\d+): [^\n]*?(?:\((?<help>https://[^)\s]+)\))?(?: \[[^\]]*\])?\r?$", RegexOptions.Multiline)]
    private static partial Regex Warning();
}
