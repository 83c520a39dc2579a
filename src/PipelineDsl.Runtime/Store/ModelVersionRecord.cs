namespace PipelineDsl.Runtime.Store;

/// <summary>One registered model version with its metrics and lineage.</summary>
/// <param name="Name">The model's (pipeline's) name.</param>
/// <param name="Version">The version number, from 1.</param>
/// <param name="RunId">The run that trained it.</param>
/// <param name="ArtifactHash">SHA-256 of the saved ML.NET model (the artifact's address).</param>
/// <param name="Stage">The stage: <c>none</c>, <c>staging</c>, <c>production</c> or <c>archived</c>.</param>
/// <param name="CreatedUtc">When it was registered.</param>
/// <param name="Metrics">The holdout metrics of its run, by name.</param>
/// <param name="Lineage">Lineage facts (<c>data_hash</c>, <c>feature_set_hash</c>, <c>git_commit</c>, ...), by key.</param>
/// <param name="GatesPassed">Whether its run passed every gate: only such a version may enter staging.</param>
public sealed record ModelVersionRecord(
    string Name,
    int Version,
    string RunId,
    string ArtifactHash,
    string Stage,
    DateTime CreatedUtc,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, string> Lineage,
    bool GatesPassed = true);
