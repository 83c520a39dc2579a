using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Hosting;

/// <summary>Opens the store for read-only verbs without creating one where none exists.</summary>
internal static class StoreAccess
{
    /// <summary>
    /// The store at <paramref name="storePath"/>, or <see langword="null"/> when it was never created (a PostgreSQL
    /// server store always exists: opening it creates its tables when needed).
    /// </summary>
    public static PipelineStore? OpenExisting(string storePath) =>
        PipelineStore.Exists(storePath) ? PipelineStore.Open(storePath) : null;
}
