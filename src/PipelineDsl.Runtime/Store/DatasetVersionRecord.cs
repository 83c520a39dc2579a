namespace PipelineDsl.Runtime.Store;

/// <summary>One stored dataset snapshot.</summary>
/// <param name="Hash">SHA-256 of the source bytes (the artifact's address).</param>
/// <param name="Dataset">The dataset's name.</param>
/// <param name="SourcePath">The file it was read from.</param>
/// <param name="Rows">How many rows it had.</param>
/// <param name="SchemaHash">The dataset schema's hash.</param>
/// <param name="CreatedUtc">When it was first stored.</param>
public sealed record DatasetVersionRecord(string Hash, string Dataset, string SourcePath, int Rows, string SchemaHash, DateTime CreatedUtc);
