using System.Globalization;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Runtime.Execution;

/// <summary>
/// What a registered version's lineage says about the code and data that trained it, against this build: what
/// <see cref="Reproducer"/> and the reports' holdout replay both check before rebuilding anything.
/// </summary>
internal static class VersionLineage
{
    /// <summary>
    /// The lineage facts and split settings that differ from this build's, as <c>key then, now</c> lines (hashes shortened).
    /// </summary>
    /// <param name="pipeline">This build's pipeline.</param>
    /// <param name="version">The registered version.</param>
    /// <param name="runParams">The params of the run that trained it.</param>
    /// <param name="includeModelConfig">Whether the model config hash must match too (a retrain needs it; scoring the stored model does not).</param>
    /// <param name="requireCodeHashes">Whether a version that recorded no schema or feature-set hash counts as different.</param>
    public static IReadOnlyList<string> Differences<TRow>(
        PipelineDefinition<TRow> pipeline,
        ModelVersionRecord version,
        IReadOnlyDictionary<string, string> runParams,
        bool includeModelConfig,
        bool requireCodeHashes)
    {
        var differences = new List<string>();
        void Compare(string key, string? then, string now, bool required = false)
        {
            if ((then is null && required) || (then is not null && !string.Equals(then, now, StringComparison.OrdinalIgnoreCase)))
            {
                differences.Add($"{key} {(then is null ? "(not recorded)" : Short(then))} then, {Short(now)} now");
            }
        }

        Compare("schema_hash", version.Lineage.GetValueOrDefault("schema_hash"), pipeline.Dataset.SchemaHash, requireCodeHashes);
        Compare("feature_set_hash", version.Lineage.GetValueOrDefault("feature_set_hash"), pipeline.FeatureSet.Hash, requireCodeHashes);
        if (includeModelConfig)
        {
            Compare("model_config_hash", version.Lineage.GetValueOrDefault("model_config_hash"), pipeline.Model.ConfigHash);
        }

        foreach (var joined in pipeline.FeatureSet.JoinedDatasets)
        {
            Compare($"joined.{joined.Name}.schema_hash", version.Lineage.GetValueOrDefault($"joined.{joined.Name}.schema_hash"), joined.SchemaHash);
        }

        Compare("split.declared_strategy", runParams.GetValueOrDefault("split.declared_strategy"), pipeline.Split.Strategy.ToString());
        Compare("split.holdout_fraction", runParams.GetValueOrDefault("split.holdout_fraction"), pipeline.Split.HoldoutFraction.ToString("R", CultureInfo.InvariantCulture));
        Compare("split.seed", runParams.GetValueOrDefault("split.seed"), pipeline.Split.Seed.ToString(CultureInfo.InvariantCulture));
        Compare("split.time_cutoff", runParams.GetValueOrDefault("split.time_cutoff"), pipeline.Split.TimeCutoff?.ToString("O", CultureInfo.InvariantCulture) ?? "none");
        return differences;
    }

    /// <summary>The stored snapshot file of a dataset the version was trained on (lineage <paramref name="key"/>).</summary>
    /// <exception cref="InvalidOperationException">The lineage has no such snapshot, or the store no longer holds it.</exception>
    public static string SnapshotPath(PipelineStore store, ModelVersionRecord version, string key, string dataset)
    {
        if (!version.Lineage.TryGetValue(key, out var hash) || hash.Length != 64)
        {
            throw new InvalidOperationException($"{version.Name} v{version.Version} has no snapshot of dataset {dataset} in its lineage ({key}).");
        }

        var path = store.Artifacts.PathOf(hash);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The snapshot of dataset {dataset} that trained {version.Name} v{version.Version} (sha256:{hash[..12]}) is no longer in the store.");
        }

        return path;
    }

    private static string Short(string value) => value.Length == 64 ? value[..12] : value;
}
