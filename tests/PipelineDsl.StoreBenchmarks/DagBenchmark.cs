using System.Diagnostics;
using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Graph;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.StoreBenchmarks;

internal sealed record DagResult(string Graph, int Nodes, int Edges, bool WithStore, Timing Total);

/// <summary>100-node DAGs of no-op actions through <see cref="DagExecutor"/>, with and without per-node store writes.</summary>
internal static class DagBenchmark
{
    public static IEnumerable<(string Name, PipelineGraph Graph)> Graphs()
    {
        yield return ("chain of 100", Chain(100));
        yield return ("10 layers x 10, 2-3 parents each", Layered(10, 10));
        yield return ("100 independent nodes", Independent(100));
    }

    public static async Task<DagResult> RunAsync(string name, PipelineGraph graph, bool withStore, int runs)
    {
        var actions = graph.Nodes.ToDictionary(
            n => n.Id, _ => (Func<CancellationToken, Task<string>>)(_ => Task.FromResult(string.Empty)), StringComparer.Ordinal);

        var total = await Timing.OfAsync(runs, async () =>
        {
            using var folder = withStore ? new TempFolder("dag") : null;
            using var store = folder is null ? null : new PipelineStore(folder.Path);
            var runId = store?.CreateRun("bench");
            var observer = store is null ? null : new StoreObserver(store, runId!);

            // What the runner does per run: build the executor over the (generated, already built) graph, then run it.
            var clock = Stopwatch.StartNew();
            var result = await new DagExecutor(graph, actions, observer).RunAsync();
            var ms = clock.Elapsed.TotalMilliseconds;

            if (!result.Succeeded || result.Outcomes.Count != graph.Nodes.Count)
            {
                throw new InvalidOperationException($"{name}: {result.Outcomes.Count(o => o.State == NodeState.Completed)} of {graph.Nodes.Count} nodes completed.");
            }

            if (store is not null && store.GetRun(runId!)!.Nodes.Count != graph.Nodes.Count)
            {
                throw new InvalidOperationException($"{name}: the store recorded {store.GetRun(runId!)!.Nodes.Count} nodes, expected {graph.Nodes.Count}.");
            }

            return ms;
        });
        return new DagResult(name, graph.Nodes.Count, graph.Edges.Count, withStore, total);
    }

    private static string Id(int i) => $"features:n{i:D3}";

    private static PipelineNode Node(int i) => new(Id(i), NodeKind.Features, $"n{i:D3}");

    private static PipelineGraph Chain(int n) =>
        new(Enumerable.Range(0, n).Select(Node).ToArray(), Enumerable.Range(1, n - 1).Select(i => new PipelineEdge(Id(i - 1), Id(i))).ToArray());

    private static PipelineGraph Independent(int n) => new(Enumerable.Range(0, n).Select(Node).ToArray(), []);

    // Node j of layer l (l >= 1) depends on nodes j and j+1 of layer l-1, and even j also on node j+5 (indices mod width).
    private static PipelineGraph Layered(int layers, int width)
    {
        var edges = new List<PipelineEdge>();
        for (var l = 1; l < layers; l++)
        {
            for (var j = 0; j < width; j++)
            {
                var to = Id((l * width) + j);
                int[] parents = j % 2 == 0 ? [j, (j + 1) % width, (j + 5) % width] : [j, (j + 1) % width];
                edges.AddRange(parents.Select(p => new PipelineEdge(Id(((l - 1) * width) + p), to)));
            }
        }

        return new(Enumerable.Range(0, layers * width).Select(Node).ToArray(), edges);
    }

    /// <summary>What the runner's (internal) StoreRecordingObserver does: one <see cref="PipelineStore.RecordNode"/> per settled node.</summary>
    private sealed class StoreObserver(PipelineStore store, string runId) : IPipelineObserver
    {
        public void OnNodeStarting(string nodeId)
        {
        }

        public void OnNodeCompleted(string nodeId, TimeSpan elapsed, string summary) =>
            store.RecordNode(runId, nodeId, "completed", (long)elapsed.TotalMilliseconds, summary);

        public void OnNodeFailed(string nodeId, TimeSpan elapsed, string reason) =>
            store.RecordNode(runId, nodeId, "failed", (long)elapsed.TotalMilliseconds, reason);
    }
}
