using ChurnPrediction;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.IntegrationTests.Serving;

/// <summary>
/// A store with two churn versions, trained once for the serving tests: v1 on the full file (in production) and v2 on
/// the same file less its last row (in staging, the challenger). Each test serves its own copy.
/// </summary>
public sealed class ServedChurnStore : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();

    public string Store => _temp.Combine(".mlpipeline");

    public async Task InitializeAsync()
    {
        var first = await CliRunner.RunAsync(ChurnPipeline.Definition, "run", "--store", Store, "--source", "churn=" + SampleData.Churn);
        Assert.True(first.ExitCode == 0, first.All);
        var lines = File.ReadAllLines(SampleData.Churn);
        var smaller = _temp.Combine("churn-less-one.csv");
        File.WriteAllLines(smaller, lines.Take(lines.Length - 1));
        var second = await CliRunner.RunAsync(ChurnPipeline.Definition, "run", "--store", Store, "--source", "churn=" + smaller);
        Assert.True(second.ExitCode == 0, second.All);

        using var store = PipelineStore.Open(Store);
        store.Promote("churn", 1, ModelStages.Production, "test", "alice: serving tests");
        store.Promote("churn", 2, ModelStages.Staging, "test", null);
    }

    /// <summary>A copy of the store in <paramref name="temp"/> (SQLite database and artifacts).</summary>
    internal string CopyTo(TempDirectory temp)
    {
        var target = temp.Combine(".mlpipeline");
        foreach (var file in Directory.EnumerateFiles(Store, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Store, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temp.Dispose();
}

/// <summary>
/// The serving tests share one trained store and run one at a time: several load generators and servers at once on two
/// cores would make the rollout timings (canary windows, p99 thresholds) measure the machine, not the server.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ServingCollection : ICollectionFixture<ServedChurnStore>
{
    public const string Name = "serving";
}
