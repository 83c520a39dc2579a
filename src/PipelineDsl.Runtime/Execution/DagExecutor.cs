using System.Diagnostics;
using PipelineDsl.Runtime.Graph;

namespace PipelineDsl.Runtime.Execution;

/// <summary>
/// Runs the nodes of a <see cref="PipelineGraph"/>: a node starts once every dependency completed, independent nodes
/// run in parallel (each on the thread pool), a failed node's descendants are skipped (reported as
/// <c>skipped: dependency X failed</c>) while unrelated branches go on, and cancellation stops scheduling, lets the
/// running nodes observe the token, then throws <see cref="OperationCanceledException"/>. Observer callbacks are
/// serialized.
/// </summary>
public sealed class DagExecutor
{
    private readonly PipelineGraph _graph;
    private readonly IReadOnlyDictionary<string, Func<CancellationToken, Task<string>>> _actions;
    private readonly IPipelineObserver? _observer;
    private readonly int _maxParallelism;
    private readonly TimeSpan? _nodeTimeout;
    private readonly Lock _observerLock = new();

    /// <summary>Creates the executor.</summary>
    /// <param name="graph">The DAG.</param>
    /// <param name="actions">One action per node id; each returns the node's one-line summary.</param>
    /// <param name="observer">Progress hooks, or null.</param>
    /// <param name="maxParallelism">At most this many nodes run at once (default: no limit).</param>
    /// <param name="nodeTimeout">
    /// A node still running after this long fails (<c>timed out after ...</c>) and its token is cancelled; work that does
    /// not observe the token is abandoned, not awaited. Null: no limit.
    /// </param>
    /// <exception cref="ArgumentException">A node has no action.</exception>
    public DagExecutor(
        PipelineGraph graph,
        IReadOnlyDictionary<string, Func<CancellationToken, Task<string>>> actions,
        IPipelineObserver? observer = null,
        int maxParallelism = int.MaxValue,
        TimeSpan? nodeTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        var missing = graph.Nodes.Where(n => !actions.ContainsKey(n.Id)).Select(n => n.Id).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException("No action for node(s): " + string.Join(", ", missing), nameof(actions));
        }

        _graph = graph;
        _actions = actions;
        _observer = observer;
        _maxParallelism = maxParallelism;
        _nodeTimeout = nodeTimeout;
    }

    /// <summary>Runs the DAG.</summary>
    /// <returns>Every node's outcome.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (after running nodes settled).</exception>
    public async Task<DagExecutionResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var order = _graph.TopologicalOrder.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index, StringComparer.Ordinal);
        var pending = _graph.Nodes.ToDictionary(n => n.Id, n => _graph.DependenciesOf(n.Id).Distinct().Count(), StringComparer.Ordinal);
        var dependents = _graph.Nodes.ToDictionary(n => n.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var edge in _graph.Edges.Distinct())
        {
            dependents[edge.From].Add(edge.To);
        }

        var outcomes = new List<NodeOutcome>(_graph.Nodes.Count);
        var settled = new HashSet<string>(StringComparer.Ordinal);
        var ready = new List<string>(_graph.TopologicalOrder.Where(id => pending[id] == 0));
        var running = new Dictionary<Task<NodeOutcome>, string>();

        while (true)
        {
            while (!cancellationToken.IsCancellationRequested && ready.Count > 0 && running.Count < _maxParallelism)
            {
                ready.Sort((a, b) => order[a].CompareTo(order[b]));
                var id = ready[0];
                ready.RemoveAt(0);
                running.Add(RunNodeAsync(id, cancellationToken), id);
            }

            if (running.Count == 0)
            {
                break;
            }

            var done = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            running.Remove(done);
            var outcome = await done.ConfigureAwait(false);
            outcomes.Add(outcome);
            settled.Add(outcome.NodeId);

            if (outcome.State == NodeState.Completed)
            {
                foreach (var next in dependents[outcome.NodeId])
                {
                    if (--pending[next] == 0 && !settled.Contains(next))
                    {
                        ready.Add(next);
                    }
                }
            }
            else if (outcome.State == NodeState.Failed)
            {
                SkipDescendants(outcome.NodeId, dependents, settled, outcomes, ready);
            }
        }

        foreach (var id in _graph.TopologicalOrder.Where(id => !settled.Contains(id)))
        {
            var outcome = new NodeOutcome(id, NodeState.Cancelled, TimeSpan.Zero, "cancelled before it started", null);
            outcomes.Add(outcome);
            Notify(o => o.OnNodeFailed(id, TimeSpan.Zero, outcome.Summary));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new DagExecutionResult(outcomes);
    }

    private void SkipDescendants(
        string failed, Dictionary<string, List<string>> dependents, HashSet<string> settled, List<NodeOutcome> outcomes, List<string> ready)
    {
        var queue = new Queue<string>(dependents[failed]);
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            if (!settled.Add(id))
            {
                continue;
            }

            ready.Remove(id);
            var reason = $"skipped: dependency {failed} failed";
            outcomes.Add(new NodeOutcome(id, NodeState.Skipped, TimeSpan.Zero, reason, null));
            Notify(o => o.OnNodeFailed(id, TimeSpan.Zero, reason));
            foreach (var next in dependents[id])
            {
                queue.Enqueue(next);
            }
        }
    }

    private async Task<NodeOutcome> RunNodeAsync(string id, CancellationToken cancellationToken)
    {
        var action = _actions[id];
        var stopwatch = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            Notify(o => o.OnNodeStarting(id));
            var work = Task.Run(() => action(limit.Token), limit.Token);
            string summary;
            if (_nodeTimeout is { } timeout)
            {
                limit.CancelAfter(timeout);
                summary = await work.WaitAsync(timeout, cancellationToken).ConfigureAwait(false) ?? string.Empty;
            }
            else
            {
                summary = await work.ConfigureAwait(false) ?? string.Empty;
            }

            stopwatch.Stop();
            Notify(o => o.OnNodeCompleted(id, stopwatch.Elapsed, summary));
            return new NodeOutcome(id, NodeState.Completed, stopwatch.Elapsed, summary, null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && _nodeTimeout is { } timeout
                                   && (ex is TimeoutException || (ex is OperationCanceledException && limit.IsCancellationRequested)))
        {
            stopwatch.Stop();
            var reason = $"timed out after {timeout.TotalSeconds:0.###} s";
            Notify(o => o.OnNodeFailed(id, stopwatch.Elapsed, reason));
            return new NodeOutcome(id, NodeState.Failed, stopwatch.Elapsed, reason, new TimeoutException($"Node {id} {reason}.", ex));
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            stopwatch.Stop();
            Notify(o => o.OnNodeFailed(id, stopwatch.Elapsed, "cancelled"));
            return new NodeOutcome(id, NodeState.Cancelled, stopwatch.Elapsed, "cancelled", ex);
        }
        catch (Exception ex)
        {
            stopwatch.Stop();
            Notify(o => o.OnNodeFailed(id, stopwatch.Elapsed, ex.Message));
            return new NodeOutcome(id, NodeState.Failed, stopwatch.Elapsed, ex.Message, ex);
        }
    }

    private void Notify(Action<IPipelineObserver> callback)
    {
        if (_observer is null)
        {
            return;
        }

        lock (_observerLock)
        {
            callback(_observer);
        }
    }
}
