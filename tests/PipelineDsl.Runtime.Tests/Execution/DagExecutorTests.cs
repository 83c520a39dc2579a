using System.Collections.Concurrent;
using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Graph;

namespace PipelineDsl.Runtime.Tests.Execution;

public class DagExecutorTests
{
    private sealed class RecordingObserver : IPipelineObserver
    {
        public ConcurrentQueue<string> Events { get; } = new();

        public void OnNodeStarting(string nodeId) => Events.Enqueue("start " + nodeId);

        public void OnNodeCompleted(string nodeId, TimeSpan elapsed, string summary) => Events.Enqueue($"done {nodeId} {summary}");

        public void OnNodeFailed(string nodeId, TimeSpan elapsed, string reason) => Events.Enqueue($"fail {nodeId} {reason}");
    }

    // a -> b, a -> c, b -> d, c -> d, d -> e; f independent.
    private static PipelineGraph Diamond() => new(
        [
            new("a", NodeKind.Ingest, "x"), new("b", NodeKind.Features, "x"), new("c", NodeKind.Split, "x"),
            new("d", NodeKind.Train, "x"), new("e", NodeKind.Register, "x"), new("f", NodeKind.Snapshot, "x"),
        ],
        [new("a", "b"), new("a", "c"), new("b", "d"), new("c", "d"), new("d", "e")]);

    private static Dictionary<string, Func<CancellationToken, Task<string>>> Actions(PipelineGraph graph, Func<string, CancellationToken, Task<string>> body) =>
        graph.Nodes.ToDictionary(n => n.Id, n => (Func<CancellationToken, Task<string>>)(ct => body(n.Id, ct)));

    [Fact]
    public async Task Runs_every_node_after_its_dependencies()
    {
        var graph = Diamond();
        var finished = new ConcurrentDictionary<string, int>();
        var counter = 0;
        var actions = Actions(graph, (id, _) =>
        {
            foreach (var dep in graph.DependenciesOf(id))
            {
                Assert.True(finished.ContainsKey(dep), $"{id} started before {dep} finished");
            }

            finished[id] = Interlocked.Increment(ref counter);
            return Task.FromResult(id + " ok");
        });
        var observer = new RecordingObserver();
        var result = await new DagExecutor(graph, actions, observer).RunAsync();

        Assert.True(result.Succeeded);
        Assert.Equal(6, result.Outcomes.Count);
        Assert.Equal("d ok", result["d"].Summary);
        Assert.Contains("done e e ok", observer.Events);
        Assert.Equal(12, observer.Events.Count);
    }

    [Fact]
    public async Task Independent_nodes_overlap()
    {
        var graph = Diamond();
        // b and c can only both pass the barrier if they run at the same time.
        using var barrier = new Barrier(2);
        var actions = Actions(graph, (id, _) =>
        {
            if (id is "b" or "c")
            {
                Assert.True(barrier.SignalAndWait(TimeSpan.FromSeconds(30)), $"{id} did not overlap with its sibling");
            }

            return Task.FromResult(id);
        });
        var result = await new DagExecutor(graph, actions).RunAsync();
        Assert.True(result.Succeeded, string.Join("; ", result.Outcomes.Select(o => $"{o.NodeId}:{o.State}:{o.Summary}")));
    }

    [Fact]
    public async Task A_failure_skips_descendants_but_not_unrelated_nodes()
    {
        var graph = Diamond();
        var ran = new ConcurrentBag<string>();
        var actions = Actions(graph, (id, _) =>
        {
            ran.Add(id);
            return id == "b" ? throw new InvalidOperationException("boom") : Task.FromResult(id);
        });
        var observer = new RecordingObserver();
        var result = await new DagExecutor(graph, actions, observer).RunAsync();

        Assert.False(result.Succeeded);
        Assert.Equal(NodeState.Failed, result["b"].State);
        Assert.Equal("boom", result["b"].Summary);
        Assert.IsType<InvalidOperationException>(result["b"].Error);
        Assert.Equal(NodeState.Completed, result["c"].State);
        Assert.Equal(NodeState.Completed, result["f"].State);
        Assert.Equal(NodeState.Skipped, result["d"].State);
        Assert.Equal(NodeState.Skipped, result["e"].State);
        Assert.DoesNotContain("d", ran);
        Assert.DoesNotContain("e", ran);
        Assert.Contains("fail d skipped: dependency b failed", observer.Events);
        Assert.Contains("fail e skipped: dependency b failed", observer.Events);
    }

    [Fact]
    public async Task Cancellation_stops_scheduling_and_propagates()
    {
        var graph = Diamond();
        using var cts = new CancellationTokenSource();
        var ran = new ConcurrentBag<string>();
        var actions = Actions(graph, async (id, ct) =>
        {
            ran.Add(id);
            if (id == "a")
            {
                cts.Cancel();
                await Task.Delay(Timeout.Infinite, ct);
            }

            return id;
        });
        var observer = new RecordingObserver();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DagExecutor(graph, actions, observer).RunAsync(cts.Token));
        Assert.DoesNotContain("b", ran);
        Assert.DoesNotContain("d", ran);
        Assert.Contains(observer.Events, e => e.StartsWith("fail a cancelled", StringComparison.Ordinal));
        Assert.Contains(observer.Events, e => e.StartsWith("fail e cancelled", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_action_is_rejected()
    {
        var graph = Diamond();
        var actions = Actions(graph, (id, _) => Task.FromResult(id));
        actions.Remove("c");
        var error = Assert.Throws<ArgumentException>(() => new DagExecutor(graph, actions));
        Assert.Contains("c", error.Message);
    }

    [Fact]
    public async Task A_node_past_its_timeout_fails_and_its_descendants_are_skipped_while_other_branches_finish()
    {
        var graph = Diamond();
        var actions = Actions(graph, async (id, ct) =>
        {
            if (id == "b")
            {
                // Work that ignores its token: the executor stops waiting for it anyway.
                await Task.Delay(5000, CancellationToken.None);
            }

            return id;
        });
        var observer = new RecordingObserver();

        var result = await new DagExecutor(graph, actions, observer, nodeTimeout: TimeSpan.FromMilliseconds(1000)).RunAsync();

        var b = result.Outcomes.Single(o => o.NodeId == "b");
        Assert.Equal(NodeState.Failed, b.State);
        Assert.Equal("timed out after 1 s", b.Summary);
        Assert.IsType<TimeoutException>(b.Error);
        Assert.True(b.Elapsed < TimeSpan.FromSeconds(4), $"waited {b.Elapsed}");
        Assert.Equal(NodeState.Skipped, result.Outcomes.Single(o => o.NodeId == "d").State);
        Assert.Equal(NodeState.Completed, result.Outcomes.Single(o => o.NodeId == "c").State);
        Assert.Equal(NodeState.Completed, result.Outcomes.Single(o => o.NodeId == "f").State);
    }

    [Fact]
    public async Task A_node_that_observes_its_token_is_cancelled_at_the_timeout()
    {
        var graph = Diamond();
        var actions = Actions(graph, async (id, ct) =>
        {
            if (id == "a")
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return id;
        });

        var result = await new DagExecutor(graph, actions, nodeTimeout: TimeSpan.FromMilliseconds(1000)).RunAsync();

        Assert.Equal("timed out after 1 s", result.Outcomes.Single(o => o.NodeId == "a").Summary);
        Assert.Equal(NodeState.Completed, result.Outcomes.Single(o => o.NodeId == "f").State);
    }
}
