using System.Text.RegularExpressions;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.IntegrationTests;

/// <summary>
/// The step cache on the churn sample, as a user meets it: a second run does nothing and says so per node; editing one
/// feature in the source and rebuilding re-runs only the features node and what is downstream of it.
/// </summary>
public sealed partial class ChurnStepCacheTests
{
    private static readonly string[] Upstream = ["ingest:churn", "validate:churn", "snapshot:churn", "split:churn"];

    private static readonly string[] Downstream = ["features:ChurnFeatures", "train:ChurnModel", "evaluate:ChurnModel", "gate:ChurnModel", "register:churn"];

    [GeneratedRegex(@"^(?<state>done|cached)\s+(?<node>\S+)", RegexOptions.Multiline)]
    private static partial Regex NodeLine();

    private static Dictionary<string, string> NodeStates(string output) =>
        NodeLine().Matches(output).ToDictionary(m => m.Groups["node"].Value, m => m.Groups["state"].Value, StringComparer.Ordinal);

    [Fact]
    public async Task Second_run_is_all_cached_and_editing_one_feature_reruns_only_its_downstream_nodes()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine("store");
        var churn = SampleProcess.SampleDll("ChurnPrediction");

        var (firstCode, first) = await SampleProcess.RunAsync(churn, ["run", "--store", store]);
        Assert.True(firstCode == 0, first);
        Assert.All(NodeStates(first).Values, s => Assert.Equal("done", s));

        var (secondCode, second) = await SampleProcess.RunAsync(churn, ["run", "--store", store]);
        Assert.True(secondCode == 0, second);
        var states = NodeStates(second);
        Assert.Equal(9, states.Count);
        Assert.All(states.Values, s => Assert.Equal("cached", s));
        Assert.Contains("up to date: every node cached", second);
        using (var pipelineStore = new PipelineStore(store))
        {
            Assert.Single(pipelineStore.ListModelVersions("churn"));
        }

        // A copy of the sample beside it (so its project references still resolve), with one feature edited.
        var copy = Path.Combine(SampleData.RepositoryRoot, "samples", "ChurnPrediction.edited-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            CopySample(Path.Combine(SampleData.RepositoryRoot, "samples", "ChurnPrediction"), copy);
            var features = Path.Combine(copy, "ChurnFeatures.cs");
            var source = File.ReadAllText(features);
            var edited = source.Replace("TotalCharge(c) / (1 + c.NumberCustomerServiceCalls)", "TotalCharge(c) / (2 + c.NumberCustomerServiceCalls)", StringComparison.Ordinal);
            Assert.NotEqual(source, edited);
            File.WriteAllText(features, edited);
            await BuildAsync(Path.Combine(copy, "ChurnPrediction.csproj"));

            var (thirdCode, third) = await SampleProcess.RunAsync(Path.Combine(copy, "bin", SampleProcess.Configuration, "net10.0", "ChurnPrediction.dll"), ["run", "--store", store]);

            Assert.True(thirdCode == 0, third);
            states = NodeStates(third);
            Assert.All(Upstream, id => Assert.Equal("cached", states[id]));
            Assert.All(Downstream, id => Assert.Equal("done", states[id]));
            Assert.Contains("registered churn v2 (4 of 9 nodes cached)", third);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static void CopySample(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }

    private static async Task BuildAsync(string project)
    {
        // The samples' references are built already (this test project depends on them): build the copy alone.
        var (code, output) = await DotnetCli.RunAsync(["build", project, "-c", SampleProcess.Configuration, "-nologo", "-v", "q", "--no-dependencies"]);
        Assert.True(code == 0, output);
    }
}
