using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PipelineDsl.Runtime.Store;

/// <summary>
/// What differs between the two databases a <see cref="PipelineStore"/> runs on, chosen when it is opened: embedded
/// SQLite (a folder) or a PostgreSQL server (a connection URI or string). The queries themselves are shared; this
/// supplies the DDL type names, the insertion-order column, the write lock, the append-only trigger, the run-query
/// helpers and the column migrations.
/// </summary>
internal abstract class StoreDialect
{
    /// <summary>Embedded SQLite.</summary>
    public static StoreDialect Sqlite { get; } = new SqliteDialect();

    /// <summary>A PostgreSQL server.</summary>
    public static StoreDialect PostgreSql { get; } = new PostgreSqlDialect();

    /// <summary>The dialect's name: <c>sqlite</c> or <c>postgresql</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Whether this is SQLite (whose older on-disk schemas are migrated in place).</summary>
    public bool IsSqlite => ReferenceEquals(this, Sqlite);

    /// <summary>The column that orders rows as they were inserted (<c>rowid</c>, or the <c>seq</c> identity column).</summary>
    public abstract string InsertionOrder { get; }

    /// <summary>
    /// <paramref name="statement"/> with its type placeholders filled in: <c>{REAL}</c> (a double), <c>{BIGINT}</c>
    /// (a 64-bit integer), <c>{IDENTITY}</c> (an auto-numbered primary key) and <c>{SEQ}</c> (the insertion-order
    /// column, appended to the column list of tables ordered by insertion; nothing on SQLite, which has <c>rowid</c>).
    /// </summary>
    public string Ddl(string statement) => statement
        .Replace("{REAL}", Real, StringComparison.Ordinal)
        .Replace("{BIGINT}", BigInt, StringComparison.Ordinal)
        .Replace("{IDENTITY}", Identity, StringComparison.Ordinal)
        .Replace("{SEQ}", Sequence, StringComparison.Ordinal);

    /// <summary>Statements that make <paramref name="table"/> append-only: an UPDATE or DELETE of it fails.</summary>
    public abstract IEnumerable<string> AppendOnlyStatements(string table);

    /// <summary>Statements that define the SQL function <paramref name="name"/>(text) returning the text as a finite double, or NULL.</summary>
    public abstract IEnumerable<string> NumberFunctionStatements(string name);

    /// <summary>A subquery selecting the strings of the JSON array held by parameter <paramref name="parameter"/>.</summary>
    public abstract string JsonTextArray(string parameter);

    /// <summary>Begins a write transaction holding the store's write lock (writers serialize, so MAX+1 stays unique).</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection, int timeoutSeconds);

    /// <summary>Adds <paramref name="column"/> to <paramref name="table"/> when it is missing.</summary>
    public abstract void AddColumnIfMissing(DbTransaction transaction, string table, string column, string definition);

    protected abstract string Real { get; }

    protected abstract string BigInt { get; }

    protected abstract string Identity { get; }

    protected abstract string Sequence { get; }

    protected static object? Scalar(DbTransaction transaction, string sql)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private sealed class SqliteDialect : StoreDialect
    {
        public override string Name => "sqlite";

        public override string InsertionOrder => "rowid";

        protected override string Real => "REAL";

        protected override string BigInt => "INTEGER";

        protected override string Identity => "INTEGER PRIMARY KEY AUTOINCREMENT";

        protected override string Sequence => "";

        public override IEnumerable<string> AppendOnlyStatements(string table) =>
        [
            $"""
            CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
            BEGIN
                SELECT RAISE(ABORT, '{table} is append-only');
            END
            """,
            $"""
            CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table}
            BEGIN
                SELECT RAISE(ABORT, '{table} is append-only');
            END
            """,
        ];

        // Registered on the connection instead (see PipelineStore.RegisterRunQueryFunctions).
        public override IEnumerable<string> NumberFunctionStatements(string name) => [];

        public override string JsonTextArray(string parameter) => $"SELECT value FROM json_each({parameter})";

        // BEGIN IMMEDIATE: takes the write lock up front (waiting up to the busy timeout).
        public override DbTransaction BeginWrite(DbConnection connection, int timeoutSeconds) =>
            ((SqliteConnection)connection).BeginTransaction(deferred: false);

        public override void AddColumnIfMissing(DbTransaction transaction, string table, string column, string definition)
        {
            if (Convert.ToInt64(Scalar(transaction, $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'"), CultureInfo.InvariantCulture) == 0)
            {
                Scalar(transaction, $"ALTER TABLE {table} ADD COLUMN {column} {definition}");
            }
        }
    }

    private sealed class PostgreSqlDialect : StoreDialect
    {
        /// <summary>The transaction-scoped advisory lock every writer takes first ("PDSLSTOR" in ASCII).</summary>
        public const long WriteLockKey = 0x5044534C53544F52;

        public override string Name => "postgresql";

        public override string InsertionOrder => "seq";

        protected override string Real => "DOUBLE PRECISION";

        protected override string BigInt => "BIGINT";

        protected override string Identity => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

        protected override string Sequence => ", seq BIGINT GENERATED ALWAYS AS IDENTITY";

        public override IEnumerable<string> AppendOnlyStatements(string table) =>
        [
            $"""
            CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{table} is append-only';
            END
            $$
            """,
            $"""
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = '{table}_append_only' AND tgrelid = '{table}'::regclass) THEN
                    CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_append_only();
                END IF;
            END
            $$
            """,
        ];

        // The same rule as RunCondition.ParseNumber: optional white space and sign, digits with an optional point and
        // exponent; a number out of double's range (not finite) is no number.
        public override IEnumerable<string> NumberFunctionStatements(string name) =>
        [
            $$$"""
            CREATE OR REPLACE FUNCTION {{{name}}}(text) RETURNS double precision LANGUAGE plpgsql IMMUTABLE AS $$
            DECLARE v double precision;
            BEGIN
                IF $1 IS NULL OR $1 !~ '^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$' THEN
                    RETURN NULL;
                END IF;
                v := $1::double precision;
                IF v = 'Infinity'::double precision OR v = '-Infinity'::double precision THEN
                    RETURN NULL;
                END IF;
                RETURN v;
            EXCEPTION WHEN others THEN
                RETURN NULL;
            END
            $$
            """,
        ];

        public override string JsonTextArray(string parameter) => $"SELECT json_array_elements_text(CAST({parameter} AS json))";

        // A normal (read committed) transaction, then the advisory lock: held until commit or rollback, so writers
        // serialize exactly as SQLite's BEGIN IMMEDIATE makes them.
        public override DbTransaction BeginWrite(DbConnection connection, int timeoutSeconds)
        {
            var transaction = connection.BeginTransaction();
            try
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandTimeout = timeoutSeconds;
                command.CommandText = $"SELECT pg_advisory_xact_lock({WriteLockKey.ToString(CultureInfo.InvariantCulture)})";
                command.ExecuteNonQuery();
                return transaction;
            }
            catch
            {
                transaction.Dispose();
                throw;
            }
        }

        public override void AddColumnIfMissing(DbTransaction transaction, string table, string column, string definition) =>
            Scalar(transaction, $"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {definition}");
    }
}
