using System.Security.Cryptography;

namespace PipelineDsl.Runtime.Store;

public sealed partial class PipelineStore
{
    /// <summary>
    /// The run-artifact intent log: a run records each artifact's hash before writing the file, so an artifact left
    /// behind by a run that died before referencing it is known, and collectable, instead of leaking forever.
    /// </summary>
    private static readonly string[] ArtifactReferenceSchemaStatements =
    [
        "CREATE TABLE IF NOT EXISTS run_artifacts (run_id TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (run_id, hash))",
        "CREATE INDEX IF NOT EXISTS ix_run_artifacts_hash ON run_artifacts (hash)",
    ];

    /// <summary>Stores <paramref name="bytes"/> for run <paramref name="runId"/> (intent recorded first); returns the hash.</summary>
    public string PutArtifact(string runId, byte[] bytes)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        RecordRunArtifact(runId, hash);
        return TransientIo.Run(() => Artifacts.Put(bytes));
    }

    /// <summary>Stores the file at <paramref name="path"/>, whose SHA-256 is <paramref name="hash"/>, for run <paramref name="runId"/>.</summary>
    /// <exception cref="InvalidDataException">The file changed while it was being stored (its hash is no longer <paramref name="hash"/>).</exception>
    public string PutArtifactFile(string runId, string path, string hash)
    {
        RecordRunArtifact(runId, hash);
        var stored = TransientIo.Run(() => Artifacts.PutFile(path));
        if (stored != hash)
        {
            throw new InvalidDataException($"{path} changed while it was being read (sha256 {hash[..12]} at the start, {stored[..12]} when stored).");
        }

        return stored;
    }

    /// <summary>
    /// Deletes the artifacts nothing references: no model version, lineage entry, dataset version or cache entry, and no
    /// run that is still running (in a live process). With <paramref name="runId"/>, only that run's artifacts are
    /// considered (what a finished or resumed run left behind); without, every stored artifact is (<c>gc</c>).
    /// </summary>
    /// <param name="runId">The run whose artifacts to consider, or null for all.</param>
    /// <param name="dryRun">Report without deleting.</param>
    /// <returns>The hashes deleted (or that would be) and their total size in bytes.</returns>
    public (IReadOnlyList<string> Hashes, long Bytes) RemoveUnreferencedArtifacts(string? runId = null, bool dryRun = false)
    {
        lock (_gate)
        {
            var candidates = new HashSet<string>(StringComparer.Ordinal);
            if (runId is null)
            {
                candidates.UnionWith(Artifacts.List());
            }
            else
            {
                using var own = Query("SELECT hash FROM run_artifacts WHERE run_id = @run", ("@run", runId));
                using var reader = own.ExecuteReader();
                while (reader.Read())
                {
                    candidates.Add(reader.GetString(0));
                }
            }

            candidates.ExceptWith(ReferencedArtifacts(exceptRun: runId));
            var deleted = new List<string>();
            long bytes = 0;
            foreach (var hash in candidates.Order(StringComparer.Ordinal))
            {
                var path = Artifacts.PathOf(hash);
                if (!File.Exists(path))
                {
                    continue;
                }

                bytes += new FileInfo(path).Length;
                deleted.Add(hash);
                if (!dryRun)
                {
                    File.Delete(path);
                }
            }

            if (!dryRun && deleted.Count > 0)
            {
                InTransaction(tx =>
                {
                    using var forget = Command(tx, "DELETE FROM run_artifacts WHERE hash = @hash");
                    foreach (var hash in deleted)
                    {
                        Run(forget, ("@hash", hash));
                    }
                });
            }

            return (deleted, bytes);
        }
    }

    /// <summary>Every artifact hash a version, lineage entry, dataset version, cache entry or live run (other than <paramref name="exceptRun"/>) refers to.</summary>
    private HashSet<string> ReferencedArtifacts(string? exceptRun)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        void Add(string sql)
        {
            using var command = Query(sql);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!reader.IsDBNull(0))
                {
                    foreach (var value in reader.GetString(0).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        referenced.Add(value);
                    }
                }
            }
        }

        Add("SELECT artifact_hash FROM model_versions");
        Add("SELECT value FROM model_lineage WHERE length(value) = 64");
        Add("SELECT hash FROM dataset_versions");
        Add("SELECT artifacts FROM node_cache");

        // A run still writing (live process) may not have referenced its artifacts yet.
        using (var running = Query("SELECT a.hash, r.id, r.pid, r.host FROM run_artifacts a JOIN runs r ON r.id = a.run_id WHERE r.status = 'running'"))
        using (var reader = running.ExecuteReader())
        {
            while (reader.Read())
            {
                var run = reader.GetString(1);
                var alive = !reader.IsDBNull(2) && (reader.IsDBNull(3) || reader.GetString(3) != Environment.MachineName || ProcessIsAlive(reader.GetInt32(2)));
                if (run != exceptRun && alive)
                {
                    referenced.Add(reader.GetString(0));
                }
            }
        }

        return referenced;
    }

    private void RecordRunArtifact(string runId, string hash)
    {
        lock (_gate)
        {
            Execute("INSERT INTO run_artifacts (run_id, hash) VALUES (@run, @hash) ON CONFLICT DO NOTHING", ("@run", runId), ("@hash", hash));
        }
    }
}
