using Docker.DotNet.Models;
using PipelineDsl.Docker;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.DockerTests;

/// <summary>
/// <c>run --executor docker</c> on the churn sample against the real engine: every node runs in its own container
/// (the sample published self-contained on the local base image), and the run registers what the in-process run
/// registers. A node that dies in its container fails the run with its log tail; Ctrl+C stops the running container.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ChurnContainerRunTests : IDisposable
{
    private static readonly TimeSpan ContainerRunLimit = TimeSpan.FromMinutes(12);
    private static readonly string Root = FindRoot();
    private static readonly string Project = Path.Combine(Root, "samples", "ChurnPrediction", "ChurnPrediction.csproj");
    private static readonly string ChurnDll = Path.Combine(Root, "samples", "ChurnPrediction", "bin", CliProcess.Configuration, "net10.0", "ChurnPrediction.dll");

    /// <summary>Timing metrics measure this machine at this moment, not the model: they differ between any two runs.</summary>
    private static readonly HashSet<string> TimingMetrics = new(StringComparer.Ordinal) { "p99_latency_ms" };

    private readonly string folder = Directory.CreateTempSubdirectory("pdsl-containers-").FullName;

    [EngineFact]
    public async Task Every_node_runs_in_a_container_and_registers_what_the_in_process_run_registers()
    {
        var inProcess = Path.Combine(folder, "in-process");
        var containers = Path.Combine(folder, "containers");
        Directory.CreateDirectory(inProcess);
        Directory.CreateDirectory(containers);

        var (localCode, localOutput) = await CliProcess.RunAsync(ChurnDll, inProcess, ["run"], TimeSpan.FromMinutes(5));
        Assert.True(localCode == 0, localOutput);
        var (code, output) = await CliProcess.RunAsync(ChurnDll, containers, ["run", "--executor", "docker", "--project", Project], ContainerRunLimit);
        Assert.True(code == 0, output);

        using var expected = PipelineStore.Open(Path.Combine(inProcess, ".mlpipeline"));
        using var actual = PipelineStore.Open(Path.Combine(containers, ".mlpipeline"));
        var expectedVersion = Assert.Single(expected.ListModelVersions("churn"));
        var actualVersion = Assert.Single(actual.ListModelVersions("churn"));
        var run = actual.GetRun(actualVersion.RunId)!;

        // Every node ran, in a container: started there, exited 0, and none was restored from a cache.
        var nodes = run.Nodes.Select(n => n.NodeId).ToArray();
        Assert.Equal(expected.GetRun(expectedVersion.RunId)!.Nodes.Select(n => n.NodeId).Order(), nodes.Order());
        Assert.All(run.Nodes, n => Assert.Equal("completed", n.Status));
        Assert.All(nodes, id =>
        {
            Assert.Contains($"node {id}: starting in a container", output, StringComparison.Ordinal);
            Assert.Matches($@"node {System.Text.RegularExpressions.Regex.Escape(id)}: container exited in [0-9.]+ s, exit code 0", output);
        });
        Assert.Equal("succeeded", run.Run.Status);

        // The same model: deterministic training gives the same bytes in the container as in this process.
        Assert.Equal(expectedVersion.ArtifactHash, actualVersion.ArtifactHash);
        Assert.Equal(Without(expectedVersion.Metrics), Without(actualVersion.Metrics));
        Assert.Equal(expected.GetRun(expectedVersion.RunId)!.Gates.Count, run.Gates.Count);
        Assert.All(run.Gates, g => Assert.True(g.Passed, g.Rule));
    }

    [EngineFact]
    public async Task A_node_that_dies_in_its_container_fails_the_run_with_its_log_tail()
    {
        var environment = new Dictionary<string, string> { ["PIPELINEDSL_FAILPOINTS"] = "node:train:ChurnModel:start=crash" };
        var (code, output) = await CliProcess.RunAsync(ChurnDll, folder, ["run", "--executor", "docker", "--project", Project], ContainerRunLimit, environment);

        Assert.Equal(1, code);
        Assert.Matches(@"node train:ChurnModel: container exited in [0-9.]+ s, exit code 1(34|39) \(Crashed\)", output);
        Assert.DoesNotContain("node evaluate:ChurnModel: starting", output, StringComparison.Ordinal);
        using var store = PipelineStore.Open(Path.Combine(folder, ".mlpipeline"));
        Assert.Empty(store.ListModelVersions("churn"));
        var run = Assert.Single(store.ListRuns("churn"));
        Assert.Equal("failed", run.Status);
        Assert.Matches(@"Node train:ChurnModel failed in its container \(exit code 1(34|39) \(Crashed\)\)", run.Message);
        Assert.Contains("failpoint node:train:ChurnModel:start", run.Message, StringComparison.Ordinal);
    }

    [EngineFact]
    public async Task Ctrl_c_stops_the_running_container_and_cancels_the_run()
    {
        var environment = new Dictionary<string, string> { ["PIPELINEDSL_FAILPOINTS"] = "node:train:ChurnModel:start=hang" };
        using var process = new CliProcess(ChurnDll, folder, ["run", "--executor", "docker", "--project", Project], environment);
        await process.WaitForOutputAsync("failpoint node:train:ChurnModel:start reached", ContainerRunLimit);
        process.Interrupt();

        Assert.Equal(130, await process.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Contains("cancelled", process.Output, StringComparison.Ordinal);
        using (var store = PipelineStore.Open(Path.Combine(folder, ".mlpipeline")))
        {
            Assert.Equal("cancelled", Assert.Single(store.ListRuns("churn")).Status);
        }

        // No container of this app is left running (ContainerRun stops and removes it on cancellation).
        using var engine = ContainerEngine.Connect();
        var left = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        Assert.DoesNotContain(left, c => c.Image.StartsWith(AppImage.RepositoryFor("ChurnPrediction"), StringComparison.Ordinal) && c.Command.Contains("train:ChurnModel", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static Dictionary<string, double> Without(IReadOnlyDictionary<string, double> metrics) =>
        metrics.Where(m => !TimingMetrics.Contains(m.Key)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PipelineDsl.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PipelineDsl.sln not found above " + AppContext.BaseDirectory);
    }
}
