using System.Globalization;
using PipelineDsl.Runtime.Data;

namespace PipelineDsl.Runtime.Store;

public sealed partial class PipelineStore
{
    /// <summary>The shortest prefix of a dataset version's hash that <see cref="ResolveDatasetVersion"/> accepts.</summary>
    public const int MinimumVersionPrefix = 6;

    /// <summary>
    /// Tables of dataset profiles, keyed by the version's hash (the SHA-256 of its bytes: same bytes, same profile):
    /// the schema the storing code declared, with the dataset's name and row count, and each column's statistics.
    /// </summary>
    private static readonly string[] DataVersionSchemaStatements =
    [
        "CREATE TABLE IF NOT EXISTS dataset_schemas (hash TEXT PRIMARY KEY, schema_json TEXT NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS dataset_column_stats (
            hash TEXT NOT NULL, "column" TEXT NOT NULL, kind TEXT NOT NULL, stats_json TEXT NOT NULL,
            PRIMARY KEY (hash, "column"){SEQ})
        """,
    ];

    /// <summary>
    /// Stores the profile of dataset version <paramref name="hash"/> (its schema and column statistics), in one
    /// transaction. A no-op when that version already has one: the same bytes have the same statistics.
    /// </summary>
    public void RecordDatasetProfile(string hash, DatasetProfile profile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hash);
        ArgumentNullException.ThrowIfNull(profile);
        lock (_gate)
        {
            InTransaction(tx =>
            {
                using var schema = Command(tx, "INSERT INTO dataset_schemas (hash, schema_json) VALUES (@hash, @schema) ON CONFLICT DO NOTHING");
                AddParameter(schema, "@hash", hash);
                AddParameter(schema, "@schema", DatasetProfileJson.WriteSchema(profile));
                if (schema.ExecuteNonQuery() == 0)
                {
                    // Written with its statistics in one transaction: this version's profile is already stored.
                    return;
                }

                using var stats = Command(tx, "INSERT INTO dataset_column_stats (hash, \"column\", kind, stats_json) VALUES (@hash, @column, @kind, @stats) ON CONFLICT DO NOTHING");
                foreach (var column in profile.Columns)
                {
                    Run(stats, ("@hash", hash), ("@column", column.Column), ("@kind", DatasetProfileJson.KindName(column.Kind)), ("@stats", DatasetProfileJson.WriteColumn(column)));
                }
            });
        }
    }

    /// <summary>Whether dataset version <paramref name="hash"/> (a full hash) has a stored profile.</summary>
    public bool HasDatasetProfile(string hash)
    {
        lock (_gate)
        {
            using var command = Query("SELECT COUNT(*) FROM dataset_schemas WHERE hash = @hash", ("@hash", hash));
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
        }
    }

    /// <summary>
    /// The stored profile of dataset version <paramref name="hash"/> (a full hash; see <see cref="ResolveDatasetVersion"/>),
    /// columns in schema order; <see langword="null"/> when it has none (unknown, or stored before profiles were recorded).
    /// </summary>
    public DatasetProfile? GetDatasetProfile(string hash)
    {
        lock (_gate)
        {
            string schemaJson;
            using (var command = Query("SELECT schema_json FROM dataset_schemas WHERE hash = @hash", ("@hash", hash)))
            {
                if (command.ExecuteScalar() is not string json)
                {
                    return null;
                }

                schemaJson = json;
            }

            var (dataset, rows, schema) = DatasetProfileJson.ReadSchema(schemaJson);
            var columns = new Dictionary<string, ColumnProfile>(StringComparer.Ordinal);
            using (var command = Query($"SELECT \"column\", kind, stats_json FROM dataset_column_stats WHERE hash = @hash ORDER BY {Seq}", ("@hash", hash)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var column = reader.GetString(0);
                    columns[column] = DatasetProfileJson.ReadColumn(column, DatasetProfileJson.ParseKind(reader.GetString(1)), reader.GetString(2));
                }
            }

            var ordered = schema.Where(c => columns.ContainsKey(c.Header)).Select(c => columns[c.Header]).ToList();
            ordered.AddRange(columns.Values.Where(c => !schema.Any(s => s.Header == c.Column)));
            return new DatasetProfile(dataset, rows, schema, ordered);
        }
    }

    /// <summary>The stored dataset version with hash <paramref name="hash"/> (a full hash), or <see langword="null"/>.</summary>
    public DatasetVersionRecord? GetDatasetVersion(string hash)
    {
        lock (_gate)
        {
            using var command = Query(
                "SELECT hash, dataset, source_path, rows, schema_hash, created_utc FROM dataset_versions WHERE hash = @hash", ("@hash", hash));
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new DatasetVersionRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), ParseTime(reader.GetString(5)))
                : null;
        }
    }

    /// <summary>
    /// The full hash of the dataset version <paramref name="id"/> names: the hash itself or any prefix of at least
    /// <see cref="MinimumVersionPrefix"/> hex characters (any case) that only one stored version (or profile) starts with.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not 6 to 64 hex characters.</exception>
    /// <exception cref="InvalidOperationException">No stored version starts with it, or several do (the message lists them).</exception>
    public string ResolveDatasetVersion(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var prefix = id.Trim().ToLowerInvariant();
        if (prefix.Length < MinimumVersionPrefix || prefix.Length > 64 || !prefix.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException(
                $"'{id}' is not a dataset version id: give the version's SHA-256 hash or at least its first {MinimumVersionPrefix} hex characters (`data log` lists them).",
                nameof(id));
        }

        lock (_gate)
        {
            using var command = Query(
                "SELECT v.hash, v.dataset, v.created_utc FROM dataset_versions v WHERE v.hash LIKE @prefix " +
                "UNION SELECT s.hash, NULL, NULL FROM dataset_schemas s WHERE s.hash LIKE @prefix AND s.hash NOT IN (SELECT hash FROM dataset_versions) " +
                "ORDER BY 1",
                ("@prefix", prefix + "%"));
            var matches = new List<(string Hash, string? Dataset, string? Created)>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    matches.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
                }
            }

            return matches.Count switch
            {
                1 => matches[0].Hash,
                0 => throw new InvalidOperationException($"no dataset version {id}: no stored version's hash starts with it (`data log` lists them)."),
                _ => throw new InvalidOperationException(
                    $"dataset version {id} is ambiguous: {matches.Count} versions start with it: " +
                    string.Join(", ", matches.Select(m => m.Dataset is null ? m.Hash : $"{m.Hash} ({m.Dataset}, {m.Created})")) +
                    "; give more characters."),
            };
        }
    }
}
