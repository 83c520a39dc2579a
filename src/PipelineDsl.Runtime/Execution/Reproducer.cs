using System.Globalization;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Runtime.Execution;

/// <summary>
/// Rebuilds a registered model version from its lineage: the same data snapshots (from the store, not the files as they
/// are now), the same code (refused when the schema, feature set, model config or split differ from the version's
/// lineage), the same seed, every node forced. The run goes to a scratch store, so the registry is untouched, and its
/// metrics are compared with the version's, exactly.
/// </summary>
internal static class Reproducer
{
    public static async Task<ReproductionResult> ReproduceAsync<TRow>(
        PipelineDefinition<TRow> pipeline, string storePath, int version, IPipelineObserver? observer, CancellationToken cancellationToken)
    {
        ModelVersionRecord registered;
        Dictionary<string, string> sources;
        using (var store = PipelineStore.Open(storePath))
        {
            registered = store.GetModelVersion(pipeline.Name, version)
                ?? throw new InvalidOperationException($"Model {pipeline.Name} has no version {version} in {PipelineStore.Describe(storePath)}.");
            CheckSameCode(pipeline, registered, store.GetRun(registered.RunId)?.Params ?? new Dictionary<string, string>());
            sources = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [pipeline.Dataset.Name] = SnapshotPath(store, registered, "data_hash", pipeline.Dataset.Name),
            };
            foreach (var joined in pipeline.FeatureSet.JoinedDatasets)
            {
                sources[joined.Name] = SnapshotPath(store, registered, $"joined.{joined.Name}.data_hash", joined.Name);
            }
        }

        var scratch = Path.Combine(Path.GetTempPath(), "pipelinedsl-reproduce-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var result = await pipeline.RunAsync(
                new PipelineRunOptions { StorePath = scratch, SourceOverrides = sources, Force = true }, observer, cancellationToken).ConfigureAwait(false);
            if (result.ModelVersion is null)
            {
                throw new InvalidOperationException($"Reproducing {pipeline.Name} v{version} did not produce a model: {result.Message}");
            }

            using var rebuilt = PipelineStore.Open(scratch);
            var reproduced = rebuilt.GetModelVersion(pipeline.Name, result.ModelVersion)!;
            return new ReproductionResult(pipeline.Name, version, registered.Metrics, reproduced.Metrics, reproduced.ArtifactHash == registered.ArtifactHash);
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Refuses to reproduce with code or settings other than those that trained the version.</summary>
    private static void CheckSameCode<TRow>(PipelineDefinition<TRow> pipeline, ModelVersionRecord registered, IReadOnlyDictionary<string, string> runParams)
    {
        var now = new List<(string Key, string? Then, string Now)>
        {
            ("schema_hash", registered.Lineage.GetValueOrDefault("schema_hash"), pipeline.Dataset.SchemaHash),
            ("feature_set_hash", registered.Lineage.GetValueOrDefault("feature_set_hash"), pipeline.FeatureSet.Hash),
            ("model_config_hash", registered.Lineage.GetValueOrDefault("model_config_hash"), pipeline.Model.ConfigHash),
            ("split.declared_strategy", runParams.GetValueOrDefault("split.declared_strategy"), pipeline.Split.Strategy.ToString()),
            ("split.holdout_fraction", runParams.GetValueOrDefault("split.holdout_fraction"), pipeline.Split.HoldoutFraction.ToString("R", CultureInfo.InvariantCulture)),
            ("split.seed", runParams.GetValueOrDefault("split.seed"), pipeline.Split.Seed.ToString(CultureInfo.InvariantCulture)),
            ("split.time_cutoff", runParams.GetValueOrDefault("split.time_cutoff"), pipeline.Split.TimeCutoff?.ToString("O", CultureInfo.InvariantCulture) ?? "none"),
        };
        foreach (var joined in pipeline.FeatureSet.JoinedDatasets)
        {
            now.Add(($"joined.{joined.Name}.schema_hash", registered.Lineage.GetValueOrDefault($"joined.{joined.Name}.schema_hash"), joined.SchemaHash));
        }

        var differences = now.Where(d => d.Then is not null && d.Then != d.Now).ToArray();
        if (differences.Length > 0)
        {
            var commit = registered.Lineage.GetValueOrDefault("git_commit", "unknown");
            throw new InvalidOperationException(
                $"{registered.Name} v{registered.Version} was trained by other code or settings than this build: "
                + string.Join("; ", differences.Select(d => $"{d.Key} {Short(d.Then!)} then, {Short(d.Now)} now"))
                + $". Reproduce it from its commit ({commit}).");
        }
    }

    private static string SnapshotPath(PipelineStore store, ModelVersionRecord registered, string key, string dataset)
    {
        if (!registered.Lineage.TryGetValue(key, out var hash) || hash.Length != 64)
        {
            throw new InvalidOperationException($"{registered.Name} v{registered.Version} has no snapshot of dataset {dataset} in its lineage ({key}).");
        }

        var path = store.Artifacts.PathOf(hash);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The snapshot of dataset {dataset} that trained {registered.Name} v{registered.Version} (sha256:{hash[..12]}) is no longer in the store.");
        }

        return path;
    }

    private static string Short(string value) => value.Length == 64 ? value[..12] : value;
}
