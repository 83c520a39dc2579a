using System.Text.Json;

namespace PipelineDsl.Runtime.Store;

public sealed partial class PipelineStore
{
    /// <summary>Tables of the step cache: one row per completed node, by cache key.</summary>
    private static readonly string[] NodeCacheSchemaStatements =
    [
        """
        CREATE TABLE IF NOT EXISTS node_cache (
            cache_key TEXT PRIMARY KEY, pipeline TEXT NOT NULL, node_id TEXT NOT NULL, run_id TEXT NOT NULL,
            summary TEXT NOT NULL, outputs TEXT NOT NULL, artifacts TEXT NOT NULL, created_utc TEXT NOT NULL{SEQ})
        """,
    ];

    /// <summary>
    /// Remembers that a node with the entry's cache key completed in the entry's run, with its summary, the values a
    /// later run needs to restore its output, and the artifacts those values name (kept by <c>gc</c>).
    /// The first writer of a key wins: two processes that compute the same key computed the same output.
    /// </summary>
    public void RecordCachedNode(NodeCacheEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            Execute(
                "INSERT INTO node_cache (cache_key, pipeline, node_id, run_id, summary, outputs, artifacts, created_utc) " +
                "VALUES (@key, @pipeline, @node, @run, @summary, @outputs, @artifacts, @created) ON CONFLICT DO NOTHING",
                ("@key", entry.CacheKey), ("@pipeline", entry.Pipeline), ("@node", entry.NodeId), ("@run", entry.RunId),
                ("@summary", entry.Summary), ("@outputs", JsonSerializer.Serialize(entry.Outputs)),
                ("@artifacts", string.Join(' ', entry.Artifacts)), ("@created", FormatTime(DateTime.UtcNow)));
        }
    }

    /// <summary>The cache entry for <paramref name="cacheKey"/>, or <see langword="null"/> when no run completed such a node.</summary>
    public NodeCacheEntry? FindCachedNode(string cacheKey)
    {
        lock (_gate)
        {
            using var command = Query(
                "SELECT cache_key, pipeline, node_id, run_id, summary, outputs, artifacts FROM node_cache WHERE cache_key = @key", ("@key", cacheKey));
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var outputs = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5)) ?? [];
            var artifacts = reader.GetString(6).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new NodeCacheEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), outputs, artifacts);
        }
    }

    /// <summary>The artifacts the cache entries of node <paramref name="nodeId"/> hold, oldest entry first.</summary>
    public IReadOnlyList<string> ListArtifactsOfNode(string nodeId)
    {
        lock (_gate)
        {
            using var command = Query($"SELECT artifacts FROM node_cache WHERE node_id = @node ORDER BY created_utc, {Seq}", ("@node", nodeId));
            using var reader = command.ExecuteReader();
            var list = new List<string>();
            while (reader.Read())
            {
                list.AddRange(reader.GetString(0).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }

            return list;
        }
    }

    /// <summary>Forgets every cache entry (the next run of each pipeline computes every node); returns how many there were.</summary>
    public int ClearNodeCache()
    {
        lock (_gate)
        {
            var count = 0;
            InTransaction(tx =>
            {
                using var delete = Command(tx, "DELETE FROM node_cache");
                count = delete.ExecuteNonQuery();
            });
            return count;
        }
    }
}
