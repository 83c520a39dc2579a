using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using PipelineDsl.Runtime.Evaluation;

namespace PipelineDsl.Runtime.Store;

/// <summary>
/// The store: by default an embedded SQLite database <c>{store}/store.db</c> (WAL mode, busy timeout), or, for a team,
/// a PostgreSQL database (see <see cref="Open"/>), for runs, params, metrics, node outcomes, gate verdicts, dataset
/// versions and model versions with lineage, beside an <see cref="ArtifactStore"/>. Every multi-row write is one
/// transaction that first takes the store's write lock (SQLite: <c>BEGIN IMMEDIATE</c>; PostgreSQL: a transaction-scoped
/// advisory lock), so version numbers allocated inside it are unique and several processes can share one store. Thread-safe.
/// </summary>
public sealed partial class PipelineStore : IDisposable
{
    /// <summary>
    /// The schema version this code writes (2: model versions record whether they passed their gates; 3: metrics keyed by
    /// run, step, key). Older stores are migrated in place when opened.
    /// </summary>
    public const int SchemaVersion = 3;

    private const int BusyTimeoutMs = 30_000;

    private static readonly string[] SchemaStatements =
    [
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_utc TEXT NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS runs (
            id TEXT PRIMARY KEY, pipeline TEXT NOT NULL, status TEXT NOT NULL, started_utc TEXT NOT NULL,
            finished_utc TEXT, message TEXT, data_hash TEXT, pid INTEGER, host TEXT{SEQ})
        """,
        "CREATE INDEX IF NOT EXISTS ix_runs_pipeline ON runs (pipeline, started_utc)",
        "CREATE TABLE IF NOT EXISTS run_params (run_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key))",
        // Keyed by step before key: a training loop logs every metric of one step together, and those rows then land on
        // neighbouring pages (one commit rewrites a few pages, not one per metric).
        "CREATE TABLE IF NOT EXISTS run_metrics (run_id TEXT NOT NULL, key TEXT NOT NULL, value {REAL}, step INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (run_id, step, key))",
        "CREATE TABLE IF NOT EXISTS run_nodes (run_id TEXT NOT NULL, node_id TEXT NOT NULL, status TEXT NOT NULL, elapsed_ms {BIGINT} NOT NULL, summary TEXT, PRIMARY KEY (run_id, node_id){SEQ})",
        """
        CREATE TABLE IF NOT EXISTS gate_results (
            run_id TEXT NOT NULL, rule TEXT NOT NULL, metric TEXT NOT NULL, comparison TEXT NOT NULL,
            threshold {REAL} NOT NULL, value {REAL}, passed INTEGER NOT NULL{SEQ})
        """,
        """
        CREATE TABLE IF NOT EXISTS dataset_versions (
            hash TEXT PRIMARY KEY, dataset TEXT NOT NULL, source_path TEXT NOT NULL, rows INTEGER NOT NULL,
            schema_hash TEXT NOT NULL, created_utc TEXT NOT NULL{SEQ})
        """,
        """
        CREATE TABLE IF NOT EXISTS model_versions (
            name TEXT NOT NULL, version INTEGER NOT NULL, run_id TEXT NOT NULL, artifact_hash TEXT NOT NULL,
            stage TEXT NOT NULL DEFAULT 'none', created_utc TEXT NOT NULL, gates_passed INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (name, version))
        """,
        "CREATE TABLE IF NOT EXISTS model_lineage (name TEXT NOT NULL, version INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (name, version, key))",
    ];

    /// <summary>The SQLite file's name inside the store folder.</summary>
    public const string DatabaseFileName = "store.db";

    /// <summary>The folder an artifact store of a server database uses unless told otherwise: <c>.mlpipeline</c> under the working directory.</summary>
    public static string DefaultArtifactsPath => Path.Combine(Environment.CurrentDirectory, ".mlpipeline");

    private const string ArtifactsKey = "artifacts";

    private readonly DbConnection _connection;
    private readonly StoreDialect _dialect;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>
    /// Opens (creating when needed) the store <paramref name="store"/>: a folder (embedded SQLite), or a PostgreSQL
    /// server given as a URI (<c>postgres://user:pass@host:port/db</c>) or an Npgsql connection string (see <see cref="Open"/>).
    /// </summary>
    public PipelineStore(string store)
        : this(store, artifactsPath: null)
    {
    }

    /// <summary>
    /// Opens (creating its tables when needed) the store <paramref name="store"/>. A folder is an embedded SQLite store
    /// holding its artifacts; a PostgreSQL location (<c>postgres://</c> or <c>postgresql://</c> URI, or an Npgsql
    /// connection string such as <c>Host=db;Database=ml;Username=u;Password=p</c>) keeps the tables on the server and
    /// the content-addressed artifact files in <paramref name="artifactsPath"/> (or the <c>artifacts</c> query parameter
    /// or key of the location; <see cref="DefaultArtifactsPath"/> otherwise).
    /// </summary>
    public PipelineStore(string store, string? artifactsPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        if (IsServerLocation(store))
        {
            var (connectionString, embeddedArtifacts, label) = ParseServerLocation(store);
            _dialect = StoreDialect.PostgreSql;
            StorePath = label;
            DatabasePath = label;
            Artifacts = new ArtifactStore(Path.GetFullPath(artifactsPath ?? embeddedArtifacts ?? DefaultArtifactsPath));
            _connection = new NpgsqlConnection(connectionString);
            try
            {
                _connection.Open();
                EnsureSchema();
            }
            catch
            {
                _connection.Dispose();
                throw;
            }

            return;
        }

        _dialect = StoreDialect.Sqlite;
        StorePath = Path.GetFullPath(store);
        Directory.CreateDirectory(StorePath);
        DatabasePath = Path.Combine(StorePath, DatabaseFileName);
        Artifacts = new ArtifactStore(artifactsPath is null ? StorePath : Path.GetFullPath(artifactsPath));
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = BusyTimeoutMs / 1000,
        };
        _connection = new SqliteConnection(builder.ToString());
        try
        {
            _connection.Open();
            Execute($"PRAGMA busy_timeout = {BusyTimeoutMs}");
            Execute("PRAGMA journal_mode = WAL");
            Execute("PRAGMA synchronous = NORMAL");
            Execute("PRAGMA foreign_keys = ON");
            EnsureSchema();
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the store <paramref name="store"/>: a folder (embedded SQLite, artifacts inside it), or a PostgreSQL server
    /// as a URI (<c>postgres://user:pass@host:port/db</c>, <c>postgresql://...</c>) or an Npgsql connection string
    /// (<c>Host=...;Database=...</c>), whose artifact files live in <paramref name="artifactsPath"/> (by default the
    /// location's <c>artifacts</c> parameter, else <c>.mlpipeline</c> under the working directory).
    /// </summary>
    public static PipelineStore Open(string store, string? artifactsPath = null) => new(store, artifactsPath);

    /// <summary>Whether a store was ever created at <paramref name="storePath"/> (opening one creates it); always true for a server.</summary>
    public static bool Exists(string storePath) =>
        IsServerLocation(storePath) || File.Exists(Path.Combine(storePath, DatabaseFileName));

    /// <summary>
    /// Whether <paramref name="store"/> names a PostgreSQL server (a <c>postgres://</c> or <c>postgresql://</c> URI, or an
    /// Npgsql connection string with a <c>Host</c> or <c>Server</c> key) rather than a folder.
    /// </summary>
    public static bool IsServerLocation(string? store)
    {
        if (string.IsNullOrWhiteSpace(store))
        {
            return false;
        }

        var text = store.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return text.Contains('=', StringComparison.Ordinal) && text.Split(';').Any(part =>
        {
            var key = part.Split('=', 2)[0].Trim();
            return key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase);
        });
    }

    /// <summary>
    /// <paramref name="store"/> with <paramref name="artifactsPath"/> recorded in it (a server location's <c>artifacts</c>
    /// parameter), so code that only passes the store location on finds the artifacts; a folder is returned unchanged.
    /// </summary>
    public static string WithArtifacts(string store, string? artifactsPath)
    {
        if (artifactsPath is null || !IsServerLocation(store))
        {
            return store;
        }

        var full = Path.GetFullPath(artifactsPath);
        if (IsUri(store))
        {
            var uri = new UriBuilder(store.Trim());
            var query = ParseQuery(uri.Query).Where(p => !p.Key.Equals(ArtifactsKey, StringComparison.OrdinalIgnoreCase)).ToList();
            query.Add(new(ArtifactsKey, full));
            uri.Query = string.Join('&', query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            return uri.Uri.AbsoluteUri;
        }

        var builder = new DbConnectionStringBuilder { ConnectionString = store };
        builder[ArtifactsKey] = full;
        return builder.ConnectionString;
    }

    /// <summary>The location without its password: the folder, or <c>postgresql://user@host:port/db</c>.</summary>
    public static string Describe(string store) => IsServerLocation(store) ? ParseServerLocation(store).Label : store;

    /// <summary>The store's database: <c>sqlite</c> or <c>postgresql</c>.</summary>
    public string Provider => _dialect.Name;

    /// <summary>The store folder (SQLite), or the server database without its password (PostgreSQL).</summary>
    public string StorePath { get; }

    /// <summary>The SQLite file, or the server database without its password.</summary>
    public string DatabasePath { get; }

    /// <summary>The content-addressed artifact files.</summary>
    public ArtifactStore Artifacts { get; }

    /// <summary>Creates a run row with status <c>running</c>; returns its id.</summary>
    public string CreateRun(string pipeline)
    {
        var now = DateTime.UtcNow;
        var id = now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        lock (_gate)
        {
            Execute(
                "INSERT INTO runs (id, pipeline, status, started_utc, pid, host) VALUES (@id, @pipeline, 'running', @started, @pid, @host)",
                ("@id", id), ("@pipeline", pipeline), ("@started", FormatTime(now)), ("@pid", Environment.ProcessId), ("@host", Environment.MachineName));
        }

        return id;
    }

    /// <summary>
    /// The pipeline's latest run that is still marked <c>running</c> although the process that ran it (on this machine)
    /// is gone: killed, crashed, or the machine restarted. <see langword="null"/> when there is none.
    /// </summary>
    public RunRecord? FindInterruptedRun(string pipeline)
    {
        lock (_gate)
        {
            using var command = Query(
                $"SELECT id, pid, host FROM runs WHERE pipeline = @pipeline AND status = 'running' ORDER BY started_utc DESC, {Seq} DESC",
                ("@pipeline", pipeline));
            var candidates = new List<(string Id, int? Pid, string? Host)>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    candidates.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
                }
            }

            foreach (var (id, pid, host) in candidates)
            {
                if (host == Environment.MachineName && (pid is null || !ProcessIsAlive(pid.Value)))
                {
                    using var run = Query("SELECT id, pipeline, status, started_utc, finished_utc, message, data_hash FROM runs WHERE id = @id", ("@id", id));
                    return ReadRuns(run)[0];
                }
            }

            return null;
        }
    }

    /// <summary>Takes over an interrupted run: it is this process's again, still <c>running</c>.</summary>
    public void ResumeRun(string runId)
    {
        lock (_gate)
        {
            Execute(
                "UPDATE runs SET status = 'running', pid = @pid, host = @host, message = 'resumed', finished_utc = NULL WHERE id = @id",
                ("@pid", Environment.ProcessId), ("@host", Environment.MachineName), ("@id", runId));
        }
    }

    private static bool ProcessIsAlive(int pid) => ArtifactStore.WriterIsAlive(pid);

    /// <summary>Records the dataset snapshot a run used.</summary>
    public void SetRunDataHash(string runId, string dataHash)
    {
        lock (_gate)
        {
            Execute("UPDATE runs SET data_hash = @hash WHERE id = @id", ("@hash", dataHash), ("@id", runId));
        }
    }

    /// <summary>Finishes a run with its status and message.</summary>
    public void FinishRun(string runId, string status, string message)
    {
        lock (_gate)
        {
            Execute(
                "UPDATE runs SET status = @status, message = @message, finished_utc = @finished WHERE id = @id",
                ("@status", status), ("@message", message), ("@finished", FormatTime(DateTime.UtcNow)), ("@id", runId));
        }
    }

    /// <summary>Records how one node ended (replacing an earlier record of the same node).</summary>
    public void RecordNode(string runId, string nodeId, string status, long elapsedMs, string? summary)
    {
        lock (_gate)
        {
            Execute(
                "INSERT INTO run_nodes (run_id, node_id, status, elapsed_ms, summary) VALUES (@run, @node, @status, @elapsed, @summary) " +
                "ON CONFLICT (run_id, node_id) DO UPDATE SET status = excluded.status, elapsed_ms = excluded.elapsed_ms, summary = excluded.summary",
                ("@run", runId), ("@node", nodeId), ("@status", status), ("@elapsed", elapsedMs), ("@summary", summary));
        }
    }

    /// <summary>Logs parameters of a run, in one transaction.</summary>
    public void LogParams(string runId, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        lock (_gate)
        {
            InTransaction(tx =>
            {
                using var command = Command(
                    tx,
                    "INSERT INTO run_params (run_id, key, value) VALUES (@run, @key, @value) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value");
                foreach (var (key, value) in parameters)
                {
                    Run(command, ("@run", runId), ("@key", key), ("@value", value));
                }
            });
        }
    }

    /// <summary>Logs metrics of a run at <paramref name="step"/>, in one transaction (one prepared statement, its parameters reused).</summary>
    public void LogMetrics(string runId, IEnumerable<KeyValuePair<string, double>> metrics, int step = 0)
    {
        lock (_gate)
        {
            InTransaction(tx =>
            {
                using var command = Command(
                    tx,
                    "INSERT INTO run_metrics (run_id, key, value, step) VALUES (@run, @key, @value, @step) ON CONFLICT (run_id, step, key) DO UPDATE SET value = excluded.value");
                AddParameter(command, "@run", runId);
                AddParameter(command, "@step", step);
                var key = AddParameter(command, "@key", DbType.String);
                var value = AddParameter(command, "@value", DbType.Double);
                command.Prepare();
                foreach (var metric in metrics)
                {
                    key.Value = metric.Key;
                    value.Value = Real(metric.Value);
                    command.ExecuteNonQuery();
                }
            });
        }
    }

    /// <summary>
    /// Stores the gate verdicts of a run, in one transaction, replacing any it had: a run has one set of verdicts, and
    /// a step that restores the gate node (a later step of a run split into containers) records the same set again.
    /// </summary>
    public void RecordGateResults(string runId, IEnumerable<GateVerdict> verdicts)
    {
        lock (_gate)
        {
            InTransaction(tx =>
            {
                using (var clear = Command(tx, "DELETE FROM gate_results WHERE run_id = @run"))
                {
                    Run(clear, ("@run", runId));
                }

                using var command = Command(
                    tx,
                    "INSERT INTO gate_results (run_id, rule, metric, comparison, threshold, value, passed) VALUES (@run, @rule, @metric, @comparison, @threshold, @value, @passed)");
                foreach (var verdict in verdicts)
                {
                    Run(
                        command,
                        ("@run", runId),
                        ("@rule", verdict.Rule.ToString()),
                        ("@metric", verdict.Rule.MetricName),
                        ("@comparison", verdict.Rule.Comparison.ToString()),
                        ("@threshold", verdict.Rule.Threshold),
                        ("@value", Real(verdict.Value)),
                        ("@passed", verdict.Passed ? 1 : 0));
                }
            });
        }
    }

    /// <summary>Records a dataset snapshot; a no-op when one with the same hash exists.</summary>
    public void RecordDatasetVersion(string hash, string dataset, string sourcePath, int rows, string schemaHash)
    {
        lock (_gate)
        {
            Execute(
                "INSERT INTO dataset_versions (hash, dataset, source_path, rows, schema_hash, created_utc) VALUES (@hash, @dataset, @source, @rows, @schema, @created) ON CONFLICT DO NOTHING",
                ("@hash", hash), ("@dataset", dataset), ("@source", sourcePath), ("@rows", rows), ("@schema", schemaHash),
                ("@created", FormatTime(DateTime.UtcNow)));
        }
    }

    /// <summary>
    /// Registers the next version of model <paramref name="name"/> with its lineage, allocating the number as
    /// MAX+1 inside one <c>BEGIN IMMEDIATE</c> transaction (so concurrent writers never share a number).
    /// A version that failed a gate is registered too (stage <c>none</c>, <paramref name="gatesPassed"/> false), so its
    /// run can be compared and reproduced; it can never be promoted.
    /// </summary>
    /// <returns>The new version number.</returns>
    public int RegisterModelVersion(string name, string runId, string artifactHash, IEnumerable<KeyValuePair<string, string>> lineage, bool gatesPassed = true)
    {
        lock (_gate)
        {
            var version = 0;
            InTransaction(tx =>
            {
                using (var next = Command(tx, "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE name = @name"))
                {
                    AddParameter(next, "@name", name);
                    version = Convert.ToInt32(next.ExecuteScalar(), CultureInfo.InvariantCulture);
                }

                using (var insert = Command(
                    tx,
                    "INSERT INTO model_versions (name, version, run_id, artifact_hash, stage, created_utc, gates_passed) VALUES (@name, @version, @run, @hash, 'none', @created, @passed)"))
                {
                    Run(insert, ("@name", name), ("@version", version), ("@run", runId), ("@hash", artifactHash), ("@created", FormatTime(DateTime.UtcNow)), ("@passed", gatesPassed ? 1 : 0));
                }

                using var lineageCommand = Command(
                    tx,
                    "INSERT INTO model_lineage (name, version, key, value) VALUES (@name, @version, @key, @value) ON CONFLICT (name, version, key) DO UPDATE SET value = excluded.value");
                foreach (var (key, value) in lineage)
                {
                    Run(lineageCommand, ("@name", name), ("@version", version), ("@key", key), ("@value", value));
                }
            });
            return version;
        }
    }

    /// <summary>The latest runs, newest first, optionally of one pipeline.</summary>
    public IReadOnlyList<RunRecord> ListRuns(string? pipeline = null, int limit = 50)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText =
                "SELECT id, pipeline, status, started_utc, finished_utc, message, data_hash FROM runs " +
                $"WHERE (CAST(@pipeline AS TEXT) IS NULL OR pipeline = @pipeline) ORDER BY started_utc DESC, {Seq} DESC LIMIT @limit";
            AddParameter(command, "@pipeline", (object?)pipeline ?? DBNull.Value);
            AddParameter(command, "@limit", limit);
            return ReadRuns(command);
        }
    }

    /// <summary>One run with its params, metrics, gate verdicts and node outcomes; <see langword="null"/> when unknown.</summary>
    public RunDetails? GetRun(string runId)
    {
        lock (_gate)
        {
            RunRecord run;
            using (var command = _connection.CreateCommand())
            {
                command.CommandText = "SELECT id, pipeline, status, started_utc, finished_utc, message, data_hash FROM runs WHERE id = @id";
                AddParameter(command, "@id", runId);
                var runs = ReadRuns(command);
                if (runs.Count == 0)
                {
                    return null;
                }

                run = runs[0];
            }

            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var command = Query("SELECT key, value FROM run_params WHERE run_id = @id ORDER BY key", ("@id", runId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    parameters[reader.GetString(0)] = reader.GetString(1);
                }
            }

            var metrics = new List<MetricRecord>();
            using (var command = Query("SELECT key, value, step FROM run_metrics WHERE run_id = @id ORDER BY key, step", ("@id", runId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    metrics.Add(new MetricRecord(reader.GetString(0), ReadReal(reader, 1), reader.GetInt32(2)));
                }
            }

            var gates = new List<GateResultRecord>();
            using (var command = Query(
                $"SELECT rule, metric, comparison, threshold, value, passed FROM gate_results WHERE run_id = @id ORDER BY {Seq}", ("@id", runId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    gates.Add(new GateResultRecord(
                        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3), ReadReal(reader, 4), reader.GetInt32(5) != 0));
                }
            }

            var nodes = new List<RunNodeRecord>();
            using (var command = Query($"SELECT node_id, status, elapsed_ms, summary FROM run_nodes WHERE run_id = @id ORDER BY {Seq}", ("@id", runId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    nodes.Add(new RunNodeRecord(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
                }
            }

            return new RunDetails(run, parameters, metrics, gates, nodes);
        }
    }

    /// <summary>Model versions (of one model, or all), by name then version, each with its run's metrics and its lineage.</summary>
    public IReadOnlyList<ModelVersionRecord> ListModelVersions(string? name = null)
    {
        lock (_gate)
        {
            using var command = Query(
                "SELECT name, version, run_id, artifact_hash, stage, created_utc, gates_passed FROM model_versions " +
                "WHERE (CAST(@name AS TEXT) IS NULL OR name = @name) ORDER BY name, version",
                ("@name", name));
            return ReadModelVersions(command);
        }
    }

    /// <summary>One model version (the latest when <paramref name="version"/> is null); <see langword="null"/> when there is none.</summary>
    public ModelVersionRecord? GetModelVersion(string name, int? version = null)
    {
        lock (_gate)
        {
            using var command = version is null
                ? Query(
                    "SELECT name, version, run_id, artifact_hash, stage, created_utc, gates_passed FROM model_versions WHERE name = @name ORDER BY version DESC LIMIT 1",
                    ("@name", name))
                : Query(
                    "SELECT name, version, run_id, artifact_hash, stage, created_utc, gates_passed FROM model_versions WHERE name = @name AND version = @version",
                    ("@name", name), ("@version", version.Value));
            var versions = ReadModelVersions(command);
            return versions.Count == 0 ? null : versions[0];
        }
    }

    /// <summary>Dataset snapshots, newest first, optionally of one dataset.</summary>
    public IReadOnlyList<DatasetVersionRecord> ListDatasetVersions(string? dataset = null)
    {
        lock (_gate)
        {
            using var command = Query(
                "SELECT hash, dataset, source_path, rows, schema_hash, created_utc FROM dataset_versions " +
                $"WHERE (CAST(@dataset AS TEXT) IS NULL OR dataset = @dataset) ORDER BY created_utc DESC, {Seq} DESC",
                ("@dataset", dataset));
            using var reader = command.ExecuteReader();
            var list = new List<DatasetVersionRecord>();
            while (reader.Read())
            {
                list.Add(new DatasetVersionRecord(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), ParseTime(reader.GetString(5))));
            }

            return list;
        }
    }

    /// <summary>The schema version recorded in the database.</summary>
    public int GetSchemaVersion()
    {
        lock (_gate)
        {
            using var command = Query("SELECT MAX(version) FROM schema_version");
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connection.Dispose();
        }
    }

    private static string FormatTime(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static DateTime ParseTime(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static bool IsUri(string store)
    {
        var text = store.Trim();
        return text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => new KeyValuePair<string, string>(Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : ""))
            .ToList();

    /// <summary>An Npgsql connection string, the artifacts folder the location names (if any) and a label without the password.</summary>
    private static (string ConnectionString, string? Artifacts, string Label) ParseServerLocation(string store)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        string? artifacts = null;
        try
        {
            if (IsUri(store))
            {
                var uri = new Uri(store.Trim());
                builder.Host = uri.Host;
                if (uri.Port > 0)
                {
                    builder.Port = uri.Port;
                }

                var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
                if (database.Length > 0)
                {
                    builder.Database = database;
                }

                if (uri.UserInfo.Length > 0)
                {
                    var user = uri.UserInfo.Split(':', 2);
                    builder.Username = Uri.UnescapeDataString(user[0]);
                    if (user.Length > 1)
                    {
                        builder.Password = Uri.UnescapeDataString(user[1]);
                    }
                }

                foreach (var (key, value) in ParseQuery(uri.Query))
                {
                    if (key.Equals(ArtifactsKey, StringComparison.OrdinalIgnoreCase))
                    {
                        artifacts = value;
                    }
                    else
                    {
                        builder[key] = value;
                    }
                }
            }
            else
            {
                var generic = new DbConnectionStringBuilder { ConnectionString = store };
                foreach (string key in generic.Keys)
                {
                    if (key.Equals(ArtifactsKey, StringComparison.OrdinalIgnoreCase))
                    {
                        artifacts = Convert.ToString(generic[key], CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        builder[key] = generic[key];
                    }
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException(
                $"'{Redact(store)}' is not a PostgreSQL store location: give postgres://user:password@host:port/database or an Npgsql connection string (Host=...;Database=...). {e.Message}",
                nameof(store),
                e);
        }

        var label = $"postgresql://{(string.IsNullOrEmpty(builder.Username) ? "" : builder.Username + "@")}{builder.Host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}/{builder.Database}";
        return (builder.ConnectionString, artifacts, label);
    }

    private static string Redact(string store) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(store, @"(?<=://[^:/@]*:)[^@]*(?=@)", "***"),
            @"(?i)(?<=(^|;)\s*(password|pwd)\s*=)[^;]*",
            "***");

    // SQLite stores NaN as NULL; infinities are kept.
    private static object Real(double value) => double.IsNaN(value) ? DBNull.Value : value;

    private static double ReadReal(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? double.NaN : reader.GetDouble(ordinal);

    private static DbParameter AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static DbParameter AddParameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static void Run(DbCommand command, params (string Name, object? Value)[] parameters)
    {
        command.Parameters.Clear();
        foreach (var (parameterName, value) in parameters)
        {
            AddParameter(command, parameterName, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    private static IReadOnlyList<RunRecord> ReadRuns(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var list = new List<RunRecord>();
        while (reader.Read())
        {
            list.Add(new RunRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                ParseTime(reader.GetString(3)),
                reader.IsDBNull(4) ? null : ParseTime(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return list;
    }

    private List<ModelVersionRecord> ReadModelVersions(DbCommand command)
    {
        var rows = new List<(string Name, int Version, string RunId, string Hash, string Stage, DateTime Created, bool GatesPassed)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), ParseTime(reader.GetString(5)), reader.GetInt32(6) != 0));
            }
        }

        var list = new List<ModelVersionRecord>(rows.Count);
        foreach (var row in rows)
        {
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            using (var metricCommand = Query("SELECT key, value FROM run_metrics WHERE run_id = @run AND step = 0 ORDER BY key", ("@run", row.RunId)))
            using (var reader = metricCommand.ExecuteReader())
            {
                while (reader.Read())
                {
                    metrics[reader.GetString(0)] = ReadReal(reader, 1);
                }
            }

            var lineage = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var lineageCommand = Query(
                "SELECT key, value FROM model_lineage WHERE name = @name AND version = @version ORDER BY key", ("@name", row.Name), ("@version", row.Version)))
            using (var reader = lineageCommand.ExecuteReader())
            {
                while (reader.Read())
                {
                    lineage[reader.GetString(0)] = reader.GetString(1);
                }
            }

            list.Add(new ModelVersionRecord(row.Name, row.Version, row.RunId, row.Hash, row.Stage, row.Created, metrics, lineage, row.GatesPassed));
        }

        return list;
    }

    private void EnsureSchema()
    {
        InTransaction(tx =>
        {
            var statements = SchemaStatements.Concat(RegistrySchemaStatements).Concat(NodeCacheSchemaStatements).Concat(ArtifactReferenceSchemaStatements)
                .Concat(DataVersionSchemaStatements).Select(_dialect.Ddl)
                .Concat(_dialect.AppendOnlyStatements("audit_log"))
                .Concat(_dialect.NumberFunctionStatements(NumberFunction));
            foreach (var statement in statements)
            {
                using var command = Command(tx, statement);
                command.ExecuteNonQuery();
            }

            // Version 1 stores predate these columns. Every version they hold passed its gates (only those were registered).
            _dialect.AddColumnIfMissing(tx, "model_versions", "gates_passed", "INTEGER NOT NULL DEFAULT 1");
            _dialect.AddColumnIfMissing(tx, "runs", "pid", "INTEGER");
            _dialect.AddColumnIfMissing(tx, "runs", "host", "TEXT");

            // A PostgreSQL store starts at the current schema; only SQLite files can predate it.
            if (_dialect.IsSqlite)
            {
                RekeyMetricsByStep(tx);
            }

            using var count = Command(tx, "SELECT COUNT(*) FROM schema_version WHERE version = @version");
            AddParameter(count, "@version", SchemaVersion);
            if (Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                using var insert = Command(tx, "INSERT INTO schema_version (version, applied_utc) VALUES (@version, @applied)");
                Run(insert, ("@version", SchemaVersion), ("@applied", FormatTime(DateTime.UtcNow)));
            }
        });
    }

    /// <summary>Stores from before schema version 3 keyed run_metrics by (run_id, key, step): rebuild it keyed by step first.</summary>
    private void RekeyMetricsByStep(DbTransaction tx)
    {
        using (var definition = Command(tx, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'run_metrics'"))
        {
            if (definition.ExecuteScalar() is not string sql || !sql.Contains("PRIMARY KEY (run_id, key, step)", StringComparison.Ordinal))
            {
                return;
            }
        }

        foreach (var statement in new[]
        {
            "CREATE TABLE run_metrics_by_step (run_id TEXT NOT NULL, key TEXT NOT NULL, value REAL, step INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (run_id, step, key))",
            "INSERT INTO run_metrics_by_step (run_id, key, value, step) SELECT run_id, key, value, step FROM run_metrics",
            "DROP TABLE run_metrics",
            "ALTER TABLE run_metrics_by_step RENAME TO run_metrics",
        })
        {
            using var command = Command(tx, statement);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The column that orders rows as they were inserted (<c>rowid</c> on SQLite, <c>seq</c> on PostgreSQL).</summary>
    private string Seq => _dialect.InsertionOrder;

    // The write lock is taken up front (SQLite: BEGIN IMMEDIATE, waiting up to the busy timeout; PostgreSQL: an advisory
    // lock), so read-then-write sequences such as MAX(version)+1 cannot interleave with another writer.
    private void InTransaction(Action<DbTransaction> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var transaction = _dialect.BeginWrite(_connection, BusyTimeoutMs / 1000);
        body(transaction);
        transaction.Commit();
    }

    private DbCommand Command(DbTransaction transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = BusyTimeoutMs / 1000;
        return command;
    }

    private DbCommand Query(string sql, params (string Name, object? Value)[] parameters)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (parameterName, value) in parameters)
        {
            AddParameter(command, parameterName, value ?? DBNull.Value);
        }

        return command;
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Query(sql, parameters);
        command.ExecuteNonQuery();
    }
}
