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
                [pipeline.Dataset.Name] = VersionLineage.SnapshotPath(store, registered, "data_hash", pipeline.Dataset.Name),
            };
            foreach (var joined in pipeline.FeatureSet.JoinedDatasets)
            {
                sources[joined.Name] = VersionLineage.SnapshotPath(store, registered, $"joined.{joined.Name}.data_hash", joined.Name);
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
        var differences = VersionLineage.Differences(pipeline, registered, runParams, includeModelConfig: true, requireCodeHashes: false);
        if (differences.Count > 0)
        {
            var commit = registered.Lineage.GetValueOrDefault("git_commit", "unknown");
            throw new InvalidOperationException(
                $"{registered.Name} v{registered.Version} was trained by other code or settings than this build: "
                + string.Join("; ", differences)
                + $". Reproduce it from its commit ({commit}).");
        }
    }
}
