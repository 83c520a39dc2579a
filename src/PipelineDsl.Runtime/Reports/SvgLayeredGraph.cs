
namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// A directed graph drawn in layers (<c>data-plot="pipeline-dag"</c> for a pipeline's DAG, <c>lineage</c> for a
/// version's lineage): each node a box (<c>data-node</c> its id) with a title and a few lines of detail, layer by layer
/// top to bottom (or left to right), and each edge a curve with an arrow head (<c>data-edge="from-&gt;to"</c>).
/// <see cref="Depths"/> gives a DAG's layers: a node's longest path from a source.
/// </summary>
internal static class SvgLayeredGraph
{
    /// <summary>The <c>data-plot</c> value of a pipeline DAG.</summary>
    public const string DagPlot = "pipeline-dag";

    /// <summary>The <c>data-plot</c> value of a version's lineage.</summary>
    public const string LineagePlot = "lineage";

    private const double NodeWidth = 190;
    private const double TitleHeight = 20;
    private const double LineHeight = 14;
    private const double Gap = 28;
    private const double LayerGap = 56;
    private const int LineLength = 30;

    /// <summary>One box.</summary>
    /// <param name="Id">Its id (edges name it).</param>
    /// <param name="Title">Its title, bold.</param>
    /// <param name="Lines">Detail lines under the title (cut to fit; the full text is the tooltip).</param>
    /// <param name="Layer">Its layer, from 0.</param>
    /// <param name="Fill">Its colour.</param>
    internal sealed record Node(string Id, string Title, IReadOnlyList<string> Lines, int Layer, string Fill = "#eff6ff");

    /// <summary>
    /// The layer of each node of a DAG: 0 for a node without dependencies, else one more than its deepest dependency
    /// (longest path), so that every edge points to a later layer.
    /// </summary>
    /// <exception cref="ArgumentException">An edge names an unknown node, or the edges make a cycle.</exception>
    public static IReadOnlyDictionary<string, int> Depths(IReadOnlyList<string> nodes, IReadOnlyList<(string From, string To)> edges)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var depth = nodes.ToDictionary(n => n, _ => -1, StringComparer.Ordinal);
        var incoming = nodes.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (from, to) in edges)
        {
            if (!depth.ContainsKey(from) || !depth.ContainsKey(to))
            {
                throw new ArgumentException($"The edge {from} -> {to} names an unknown node.", nameof(edges));
            }

            incoming[to].Add(from);
        }

        var visiting = new HashSet<string>(StringComparer.Ordinal);
        int Visit(string node)
        {
            if (depth[node] >= 0)
            {
                return depth[node];
            }

            if (!visiting.Add(node))
            {
                throw new ArgumentException($"The graph has a cycle through {node}.", nameof(edges));
            }

            var d = incoming[node].Count == 0 ? 0 : incoming[node].Max(Visit) + 1;
            visiting.Remove(node);
            depth[node] = d;
            return d;
        }

        foreach (var node in nodes)
        {
            Visit(node);
        }

        return depth;
    }

    /// <summary>Draws the graph: layers top to bottom, or left to right when <paramref name="horizontal"/>.</summary>
    public static string Render(string plot, string title, IReadOnlyList<Node> nodes, IReadOnlyList<(string From, string To)> edges, bool horizontal)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var layers = nodes.GroupBy(n => n.Layer).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        double Height(Node n) => TitleHeight + (n.Lines.Count * LineHeight) + 8;
        var boxHeight = nodes.Count == 0 ? TitleHeight : nodes.Max(Height);

        // Along a layer nodes sit side by side (top to bottom) or stacked (left to right).
        var widest = layers.Length == 0 ? 0 : layers.Max(l => l.Length);
        double across = horizontal ? (widest * (boxHeight + Gap)) - Gap : (widest * (NodeWidth + Gap)) - Gap;
        double along = horizontal ? (layers.Length * (NodeWidth + LayerGap)) - LayerGap : (layers.Length * (boxHeight + LayerGap)) - LayerGap;
        const double margin = 20, top = 44;
        var width = (horizontal ? along : across) + (2 * margin);
        var height = (horizontal ? across : along) + top + margin;
        var canvas = new SvgCanvas(plot, title, width: Math.Max(320, width), height: Math.Max(120, height), left: margin, right: margin, top: top, bottom: margin);
        var offset = (canvas.Width - width) / 2;

        var boxes = new Dictionary<string, (double X, double Y, double W, double H)>(StringComparer.Ordinal);
        for (var l = 0; l < layers.Length; l++)
        {
            var layer = layers[l];
            var span = horizontal ? (layer.Length * (boxHeight + Gap)) - Gap : (layer.Length * (NodeWidth + Gap)) - Gap;
            var start = (across - span) / 2;
            for (var i = 0; i < layer.Length; i++)
            {
                var x = horizontal ? margin + offset + (l * (NodeWidth + LayerGap)) : margin + offset + start + (i * (NodeWidth + Gap));
                var y = horizontal ? top + start + (i * (boxHeight + Gap)) : top + (l * (boxHeight + LayerGap));
                boxes[layer[i].Id] = (x, y, NodeWidth, boxHeight);
            }
        }

        foreach (var (from, to) in edges)
        {
            if (!boxes.TryGetValue(from, out var a) || !boxes.TryGetValue(to, out var b))
            {
                continue;
            }

            string d;
            string head;
            if (horizontal)
            {
                var (x1, y1, x2, y2) = (a.X + a.W, a.Y + (a.H / 2), b.X, b.Y + (b.H / 2));
                var mid = (x1 + x2) / 2;
                d = $"M{N(x1)} {N(y1)}C{N(mid)} {N(y1)} {N(mid)} {N(y2)} {N(x2 - 6)} {N(y2)}";
                head = $"M{N(x2)} {N(y2)}l-7 -4v8z";
            }
            else
            {
                var (x1, y1, x2, y2) = (a.X + (a.W / 2), a.Y + a.H, b.X + (b.W / 2), b.Y);
                var mid = (y1 + y2) / 2;
                d = $"M{N(x1)} {N(y1)}C{N(x1)} {N(mid)} {N(x2)} {N(mid)} {N(x2)} {N(y2 - 6)}";
                head = $"M{N(x2)} {N(y2)}l-4 -7h8z";
            }

            canvas.RawPath(d, "#6b7280", 1.4, attributes: [("data-edge", from + "->" + to)]);
            canvas.RawPath(head, "#6b7280", 1, fill: "#6b7280");
        }

        foreach (var node in nodes)
        {
            var (x, y, w, h) = boxes[node.Id];
            canvas.Rect(x, y, w, h, node.Fill, stroke: "#1e3a8a", tooltip: node.Lines.Count == 0 ? node.Title : node.Title + "\n" + string.Join("\n", node.Lines), attributes: [("data-node", node.Id)]);
            canvas.Text(x + 8, y + 15, Cut(node.Title, LineLength - 2), weight: "600", fill: "#111827");
            for (var i = 0; i < node.Lines.Count; i++)
            {
                canvas.Text(x + 8, y + TitleHeight + 11 + (i * LineHeight), Cut(node.Lines[i], LineLength), size: 10, fill: "#374151");
            }
        }

        if (nodes.Count == 0)
        {
            canvas.Text(canvas.Width / 2, top + 30, "nothing to show", anchor: "middle", fill: "#b91c1c");
        }

        return canvas.Finish();
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..(length - 1)] + "\u2026" : text;

    private static string N(double value) => SvgCanvas.Num(value);
}
