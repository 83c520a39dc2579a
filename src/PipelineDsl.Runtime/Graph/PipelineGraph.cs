using System.Text;

namespace PipelineDsl.Runtime.Graph;

/// <summary>
/// A pipeline's DAG as the generator emitted it: nodes with stable ids, edges, and a topological order.
/// </summary>
public sealed class PipelineGraph
{
    private readonly Dictionary<string, PipelineNode> _byId;

    /// <summary>Creates the graph and checks it: unique ids, edges between known nodes, no cycle.</summary>
    /// <exception cref="ArgumentException">The graph is not a DAG over its nodes.</exception>
    public PipelineGraph(IReadOnlyList<PipelineNode> nodes, IReadOnlyList<PipelineEdge> edges)
    {
        Nodes = nodes;
        Edges = edges;
        _byId = new Dictionary<string, PipelineNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!_byId.TryAdd(node.Id, node))
            {
                throw new ArgumentException($"Duplicate node id '{node.Id}'.", nameof(nodes));
            }
        }

        foreach (var edge in edges)
        {
            if (!_byId.ContainsKey(edge.From) || !_byId.ContainsKey(edge.To))
            {
                throw new ArgumentException($"Edge {edge.From} -> {edge.To} names an unknown node.", nameof(edges));
            }
        }

        TopologicalOrder = Sort(nodes, edges);
    }

    /// <summary>The nodes, in declaration order.</summary>
    public IReadOnlyList<PipelineNode> Nodes { get; }

    /// <summary>The edges.</summary>
    public IReadOnlyList<PipelineEdge> Edges { get; }

    /// <summary>Node ids such that every node comes after all of its dependencies (ties broken by declaration order).</summary>
    public IReadOnlyList<string> TopologicalOrder { get; }

    /// <summary>The node with the given id.</summary>
    public PipelineNode this[string id] => _byId[id];

    /// <summary>Ids of the nodes <paramref name="id"/> depends on.</summary>
    public IEnumerable<string> DependenciesOf(string id) => Edges.Where(e => e.To == id).Select(e => e.From);

    /// <summary>Ids of every node upstream of <paramref name="id"/> (its dependencies, theirs, and so on).</summary>
    public IReadOnlySet<string> AncestorsOf(string id)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([id]);
        while (queue.TryDequeue(out var next))
        {
            foreach (var dependency in DependenciesOf(next))
            {
                if (found.Add(dependency))
                {
                    queue.Enqueue(dependency);
                }
            }
        }

        return found;
    }

    /// <summary>The graph restricted to the nodes in <paramref name="ids"/> and the edges between them.</summary>
    public PipelineGraph Restrict(IReadOnlySet<string> ids) =>
        new(Nodes.Where(n => ids.Contains(n.Id)).ToArray(), Edges.Where(e => ids.Contains(e.From) && ids.Contains(e.To)).ToArray());

    /// <summary>The graph as a Mermaid flowchart.</summary>
    public string ToMermaid()
    {
        var sb = new StringBuilder("flowchart TD\n");
        foreach (var node in Nodes)
        {
            sb.Append("    ").Append(MermaidId(node.Id)).Append("[\"").Append(node.Id).Append("\"]\n");
        }

        foreach (var edge in Edges)
        {
            sb.Append("    ").Append(MermaidId(edge.From)).Append(" --> ").Append(MermaidId(edge.To)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The graph in Graphviz DOT.</summary>
    public string ToDot()
    {
        var sb = new StringBuilder("digraph pipeline {\n    rankdir=TB;\n");
        foreach (var node in Nodes)
        {
            sb.Append("    \"").Append(node.Id).Append("\";\n");
        }

        foreach (var edge in Edges)
        {
            sb.Append("    \"").Append(edge.From).Append("\" -> \"").Append(edge.To).Append("\";\n");
        }

        return sb.Append("}\n").ToString();
    }

    private static string MermaidId(string id) => id.Replace(':', '_').Replace('.', '_');

    private static IReadOnlyList<string> Sort(IReadOnlyList<PipelineNode> nodes, IReadOnlyList<PipelineEdge> edges)
    {
        var indegree = nodes.ToDictionary(n => n.Id, _ => 0, StringComparer.Ordinal);
        foreach (var edge in edges)
        {
            indegree[edge.To]++;
        }

        var order = new List<string>(nodes.Count);
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (order.Count < nodes.Count)
        {
            var next = nodes.FirstOrDefault(n => !done.Contains(n.Id) && indegree[n.Id] == 0)
                ?? throw new ArgumentException(
                    "The pipeline graph has a cycle through: " +
                    string.Join(", ", nodes.Where(n => !done.Contains(n.Id)).Select(n => n.Id)));
            done.Add(next.Id);
            order.Add(next.Id);
            foreach (var edge in edges.Where(e => e.From == next.Id))
            {
                indegree[edge.To]--;
            }
        }

        return order;
    }
}
