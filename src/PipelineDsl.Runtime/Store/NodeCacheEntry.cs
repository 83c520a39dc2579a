namespace PipelineDsl.Runtime.Store;

/// <summary>A node that completed once and need not run again while its cache key is the same.</summary>
/// <param name="CacheKey">SHA-256 over the node's id, its code version and config, and its dependencies' keys.</param>
/// <param name="Pipeline">The pipeline it belongs to.</param>
/// <param name="NodeId">The node's id.</param>
/// <param name="RunId">The run that computed it.</param>
/// <param name="Summary">The node's one-line summary in that run.</param>
/// <param name="Outputs">What a later run needs to restore the node's output (artifact hashes, metrics as JSON...), by name.</param>
/// <param name="Artifacts">The artifact hashes <paramref name="Outputs"/> names: the entry is usable only while all exist.</param>
public sealed record NodeCacheEntry(
    string CacheKey,
    string Pipeline,
    string NodeId,
    string RunId,
    string Summary,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyList<string> Artifacts);
