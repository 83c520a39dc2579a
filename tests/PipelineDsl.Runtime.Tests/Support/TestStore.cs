using System.Data.Common;
using System.Reflection;
using Npgsql;
using PipelineDsl.Runtime.Store;
using Xunit.Sdk;

namespace PipelineDsl.Runtime.Tests.Support;

/// <summary>The databases the store tests run against.</summary>
public enum StoreProvider
{
    /// <summary>Embedded SQLite in a temporary folder.</summary>
    Sqlite,

    /// <summary>A fresh database on the PostgreSQL server named by <see cref="TestStore.PostgresVariable"/>.</summary>
    Postgres,
}

/// <summary>Runs a store theory once per <see cref="StoreProvider"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreProvidersAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        [[StoreProvider.Sqlite], [StoreProvider.Postgres]];
}

/// <summary>
/// A temporary folder plus a store location in it: for SQLite the folder <c>.mlpipeline</c>; for PostgreSQL a database
/// <c>pdsl_&lt;guid&gt;</c> created on the test server (dropped on dispose), its artifacts in <c>.mlpipeline</c>.
/// </summary>
public sealed class TestStore : IDisposable
{
    /// <summary>The environment variable holding an Npgsql connection string to the test server's maintenance database.</summary>
    public const string PostgresVariable = "PIPELINEDSL_TEST_POSTGRES";

    private readonly TempDirectory _temp = new();
    private readonly string? _maintenance;
    private readonly string? _database;
    private readonly string? _connectionString;

    public TestStore(StoreProvider provider)
    {
        Provider = provider;
        if (provider == StoreProvider.Sqlite)
        {
            Store = Combine(".mlpipeline");
            return;
        }

        try
        {
            _maintenance = MaintenanceConnectionString();
            _database = "pdsl_" + Guid.NewGuid().ToString("N");
            using (var connection = new NpgsqlConnection(_maintenance))
            {
                try
                {
                    connection.Open();
                }
                catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
                {
                    throw new InvalidOperationException(NoServerMessage(ex), ex);
                }

                using var create = connection.CreateCommand();
                create.CommandText = $"CREATE DATABASE {_database}";
                create.ExecuteNonQuery();
            }

            _connectionString = new NpgsqlConnectionStringBuilder(_maintenance) { Database = _database, Pooling = false }.ConnectionString;
            Store = PipelineStore.WithArtifacts(_connectionString, Combine(".mlpipeline"));
        }
        catch
        {
            _temp.Dispose();
            throw;
        }
    }

    public StoreProvider Provider { get; }

    /// <summary>The store location to pass to <see cref="PipelineStore"/> or <c>PipelineRunOptions.StorePath</c>.</summary>
    public string Store { get; }

    /// <summary>The temporary folder (data files, and the artifacts under <c>.mlpipeline</c>).</summary>
    public string Path => _temp.Path;

    public string Combine(string name) => _temp.Combine(name);

    public PipelineStore Open() => new(Store);

    /// <summary>A connection of its own to the store's database, bypassing <see cref="PipelineStore"/>.</summary>
    public DbConnection OpenRawConnection()
    {
        DbConnection connection = Provider == StoreProvider.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={System.IO.Path.Combine(Store, PipelineStore.DatabaseFileName)};Pooling=False")
            : new NpgsqlConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>The test server's maintenance database, or a failure that says how to provide one.</summary>
    public static string MaintenanceConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(PostgresVariable);
        return string.IsNullOrWhiteSpace(value) ? DefaultServer : value;
    }

    /// <summary>What <c>.ci/start-postgres</c> sets up and prints: the server used when the variable is unset.</summary>
    public const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=pipelinedsl;Password=pipelinedsl;Database=postgres";

    /// <summary>The failure a test reports when no server answers: how to start one.</summary>
    public static string NoServerMessage(Exception ex) =>
        $"No PostgreSQL server answers at {PostgresVariable} (or, unset, {DefaultServer}): {ex.Message}. " +
        $"Start one with: export {PostgresVariable}=\"$(.ci/start-postgres | tail -1)\" (installs and starts a local PostgreSQL). CI does this in .ci/run.";

    public void Dispose()
    {
        if (_database is not null)
        {
            try
            {
                using var connection = new NpgsqlConnection(_maintenance);
                connection.Open();
                using var drop = connection.CreateCommand();
                drop.CommandText = $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)";
                drop.ExecuteNonQuery();
            }
            catch (NpgsqlException)
            {
                // Best effort: a leftover test database is harmless.
            }
        }

        _temp.Dispose();
    }
}
