using System.Text.Json;
using ChurnPrediction;
using Npgsql;

namespace PipelineDsl.IntegrationTests;

/// <summary>
/// The churn sample's CLI against a PostgreSQL store (`--store postgresql://... --artifacts DIR`): what a team shares.
/// Needs PIPELINEDSL_TEST_POSTGRES (an Npgsql connection string to a maintenance database; .ci/run starts a server and sets it).
/// </summary>
public sealed class PostgresStoreCliTests
{
    [Fact]
    public async Task Run_cache_promote_and_audit_through_a_postgres_store()
    {
        // The server .ci/start-postgres sets up when the variable is unset (as in tests/PipelineDsl.Runtime.Tests/Support/TestStore.cs).
        var variable = Environment.GetEnvironmentVariable("PIPELINEDSL_TEST_POSTGRES");
        var server = string.IsNullOrWhiteSpace(variable) ? "Host=127.0.0.1;Port=5432;Username=pipelinedsl;Password=pipelinedsl;Database=postgres" : variable;
        var builder = new NpgsqlConnectionStringBuilder(server);
        var database = "pdsl_cli_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server))
        {
            try
            {
                await admin.OpenAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                Assert.Fail($"No PostgreSQL server answers at {builder.Host}:{builder.Port} ({ex.Message}); run: export PIPELINEDSL_TEST_POSTGRES=\"$(.ci/start-postgres | tail -1)\"");
            }

            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        using var temp = new TempDirectory();
        var store = $"postgresql://{builder.Username}:{builder.Password}@{builder.Host}:{builder.Port}/{database}";
        string[] Args(params string[] verb) => [.. verb, "--store", store, "--artifacts", temp.Combine("artifacts")];
        try
        {
            var first = await CliRunner.RunAsync(ChurnPipeline.Definition, Args("run", "--source", "churn=" + SampleData.Churn));
            Assert.True(first.ExitCode == 0, first.All);
            Assert.DoesNotContain($":{builder.Password}@", first.All, StringComparison.Ordinal); // printed without the password

            var second = await CliRunner.RunAsync(ChurnPipeline.Definition, Args("run", "--source", "churn=" + SampleData.Churn));
            Assert.True(second.ExitCode == 0, second.All);
            Assert.Contains("up to date: every node cached", second.All);

            var promote = await CliRunner.RunAsync(ChurnPipeline.Definition, Args("promote", "churn", "1", "--to", "production", "--approve", "alice: shared store"));
            Assert.True(promote.ExitCode == 0, promote.All);
            var models = await CliRunner.RunAsync(ChurnPipeline.Definition, Args("models", "--json"));
            using var json = JsonDocument.Parse(models.Output);
            var version = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal("production", version.GetProperty("stage").GetString());
            Assert.Single(Directory.EnumerateFiles(temp.Combine("artifacts"), version.GetProperty("artifactHash").GetString()!, SearchOption.AllDirectories));
            var audit = await CliRunner.RunAsync(ChurnPipeline.Definition, Args("audit", "churn", "--json"));
            Assert.Contains("alice", audit.Output, StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
