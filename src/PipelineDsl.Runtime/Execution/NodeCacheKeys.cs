using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PipelineDsl.Runtime.Graph;

namespace PipelineDsl.Runtime.Execution;

/// <summary>
/// The step cache's keys. A node's key is the SHA-256 of its id, its code version and config (the generated lineage
/// constants: schema hash, feature-set hash, model config hash, gate rules, split settings; the runtime and ML.NET
/// versions), the content hash of the file it reads (ingest nodes), and its dependencies' keys. So editing one feature
/// changes the feature-set hash, which changes the keys of the features node and of everything downstream of it, and
/// nothing else.
/// </summary>
internal static class NodeCacheKeys
{
    private const string Format = "pipelinedsl-node-cache/1";

    /// <summary>Every node's key, by node id.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="sourceHashes">The SHA-256 of each dataset's source file, by dataset name.</param>
    /// <param name="champion">The production version's model hash (<c>none</c> when there is none) when a no-regression gate compares with it; else null.</param>
    public static IReadOnlyDictionary<string, string> Compute<TRow>(
        PipelineDefinition<TRow> pipeline, IReadOnlyDictionary<string, string> sourceHashes, string? champion = null)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in pipeline.Graph.TopologicalOrder)
        {
            var node = pipeline.Graph[id];
            var text = new StringBuilder(Format).Append('\n')
                .Append(node.Id).Append('\n')
                .Append("runtime ").Append(RunLineage.PipelineDslVersion).Append('\n')
                .Append(CodeAndConfig(pipeline, node, sourceHashes)).Append('\n');
            if (node.Kind == NodeKind.Gate && champion is not null)
            {
                text.Append("champion ").Append(champion).Append('\n');
            }

            foreach (var dependency in pipeline.Graph.DependenciesOf(id).Distinct().Order(StringComparer.Ordinal))
            {
                text.Append(dependency).Append(' ').Append(keys[dependency]).Append('\n');
            }

            keys[id] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }

        return keys;
    }

    private static string CodeAndConfig<TRow>(PipelineDefinition<TRow> pipeline, PipelineNode node, IReadOnlyDictionary<string, string> sourceHashes)
    {
        var split = pipeline.Split;
        var model = pipeline.Model;
        return node.Kind switch
        {
            NodeKind.Ingest => $"ingest schema {SchemaOf(pipeline, node.Subject)} data {sourceHashes[node.Subject]}",
            NodeKind.Validate => $"validate schema {SchemaOf(pipeline, node.Subject)}",
            NodeKind.Snapshot => "snapshot",
            NodeKind.Features => $"features {pipeline.FeatureSet.Name} {pipeline.FeatureSet.Hash}",
            NodeKind.Split => string.Create(
                CultureInfo.InvariantCulture,
                $"split {split.Strategy} fraction {split.HoldoutFraction:R} seed {split.Seed} cutoff {split.TimeCutoff:O} task {model.Task}"),
            NodeKind.Train => $"train {model.Name} config {model.ConfigHash} seed {split.Seed} mlnet {RunLineage.MlNetVersion}",
            NodeKind.Backtest => string.Create(
                CultureInfo.InvariantCulture,
                $"backtest {model.Name} config {model.ConfigHash} seed {split.Seed} folds {split.BacktestFolds} mlnet {RunLineage.MlNetVersion}"),
            NodeKind.Evaluate => $"evaluate {model.Task} analysis {string.Join("; ", pipeline.Gates.Where(g => g.Kind is GateKind.Slice or GateKind.Fairness || g.Metric == Metric.P99LatencyMs).Select(g => g.ToString()))}",
            NodeKind.Gate => "gate " + string.Join("; ", pipeline.Gates.Select(g => g.ToString())),
            NodeKind.Register => $"register {pipeline.Name}",
            _ => throw new NotSupportedException($"Node {node.Id} has an unknown kind {node.Kind}."),
        };
    }

    private static string SchemaOf<TRow>(PipelineDefinition<TRow> pipeline, string dataset) =>
        dataset == pipeline.Dataset.Name
            ? pipeline.Dataset.SchemaHash
            : pipeline.FeatureSet.JoinedDatasets.First(d => d.Name == dataset).SchemaHash;
}
