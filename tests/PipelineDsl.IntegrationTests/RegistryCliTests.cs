using System.Text.Json;
using ChurnPrediction;

namespace PipelineDsl.IntegrationTests;

/// <summary>The registry's governance through the CLI: promote (gates, approvals), rollback and the audit log.</summary>
public sealed class RegistryCliTests
{
    [Fact]
    public async Task A_churn_version_that_failed_its_gates_is_registered_but_never_enters_staging()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine(".mlpipeline");

        // The real customers with their churn labels shuffled among them: nothing left to learn, the AUC gate fails.
        var lines = File.ReadAllLines(SampleData.Churn);
        var header = lines[0].Split(',');
        var churn = Array.IndexOf(header.Select(h => h.Trim('"')).ToArray(), "churn");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var labels = rows.Select(r => r[churn]).ToArray();
        new Random(5).Shuffle(labels);
        var shuffled = temp.Combine("churn-shuffled.csv");
        File.WriteAllLines(shuffled, [lines[0], .. rows.Select((r, i) => string.Join(',', r.Take(churn).Append(labels[i]).Concat(r.Skip(churn + 1))))]);

        var run = await Cli("run", "--store", store, "--source", "churn=" + shuffled);
        Assert.True(run.ExitCode == 3, run.All);
        Assert.Contains("can never be promoted", run.All, StringComparison.Ordinal);

        var refused = await Cli("promote", "churn", "1", "--to", "staging", "--by", "bob", "--store", store);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("churn v1 failed its gates", refused.All, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<int, string> { [1] = "none" }, await Stages(store));
        var audit = await Cli("audit", "churn", "--json", "--store", store);
        using var json = JsonDocument.Parse(audit.Output);
        Assert.Empty(json.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Promote_rollback_and_audit_on_the_churn_sample()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine(".mlpipeline");

        var first = await Cli("run", "--store", store, "--source", "churn=" + SampleData.Churn);
        Assert.True(first.ExitCode == 0, first.All);

        var staging = await Cli("promote", "churn", "1", "--to", "staging", "--by", "bob", "--store", store);
        Assert.True(staging.ExitCode == 0, staging.All);
        Assert.Contains("churn v1: none -> staging (by bob)", staging.Output, StringComparison.Ordinal);

        var unapproved = await Cli("promote", "churn", "1", "--to", "production", "--by", "bob", "--store", store);
        Assert.NotEqual(0, unapproved.ExitCode);
        Assert.Contains("churn v1", unapproved.All, StringComparison.Ordinal);
        Assert.Contains("\"who: why\"", unapproved.All, StringComparison.Ordinal);

        var malformed = await Cli("promote", "churn", "1", "--to", "production", "--approve", "alice", "--store", store);
        Assert.NotEqual(0, malformed.ExitCode);
        Assert.Contains("\"who: why\"", malformed.All, StringComparison.Ordinal);

        var badStage = await Cli("promote", "churn", "1", "--to", "canary", "--store", store);
        Assert.Equal(64, badStage.ExitCode);
        Assert.Contains("none, staging, production or archived", badStage.All, StringComparison.Ordinal);

        var approved = await Cli("promote", "churn", "1", "--to", "production", "--approve", "alice: holdout AUC above gate", "--by", "bob", "--store", store);
        Assert.True(approved.ExitCode == 0, approved.All);
        Assert.Contains("churn v1: staging -> production (approved by alice: holdout AUC above gate; requested by bob)", approved.Output, StringComparison.Ordinal);

        // A second version: the same data less one row.
        var lines = File.ReadAllLines(SampleData.Churn);
        var smaller = temp.Combine("churn-less-one.csv");
        File.WriteAllLines(smaller, lines.Take(lines.Length - 1));
        var second = await Cli("run", "--store", store, "--source", "churn=" + smaller);
        Assert.True(second.ExitCode == 0, second.All);

        Assert.Equal(0, (await Cli("promote", "churn", "2", "--to", "staging", "--by", "bob", "--store", store)).ExitCode);
        var v2 = await Cli("promote", "churn", "2", "--to", "production", "--approve", "carol: fresher data", "--by", "bob", "--store", store, "--json");
        Assert.True(v2.ExitCode == 0, v2.All);
        using (var promoted = JsonDocument.Parse(v2.Output))
        {
            Assert.Equal("production", promoted.RootElement.GetProperty("stage").GetString());
            var changes = promoted.RootElement.GetProperty("changes").EnumerateArray().ToArray();
            Assert.Equal(2, changes.Length);
            Assert.Equal(("archive", 1, "archived"), (changes[0].GetProperty("action").GetString(), changes[0].GetProperty("version").GetInt32(), changes[0].GetProperty("toStage").GetString()));
            Assert.Equal(("promote", 2, "production"), (changes[1].GetProperty("action").GetString(), changes[1].GetProperty("version").GetInt32(), changes[1].GetProperty("toStage").GetString()));
        }

        Assert.Equal(new Dictionary<int, string> { [1] = "archived", [2] = "production" }, await Stages(store));

        var rollback = await Cli("rollback", "churn", "--by", "oncall", "--reason", "recall dropped", "--store", store);
        Assert.True(rollback.ExitCode == 0, rollback.All);
        Assert.Contains("churn v1: archived -> production (restored in place of v2 by oncall: recall dropped)", rollback.Output, StringComparison.Ordinal);
        Assert.Contains("churn v2: production -> archived (rolled back to v1 by oncall: recall dropped)", rollback.Output, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<int, string> { [1] = "production", [2] = "archived" }, await Stages(store));

        var audit = await Cli("audit", "churn", "--json", "--store", store);
        Assert.Equal(0, audit.ExitCode);
        using (var json = JsonDocument.Parse(audit.Output))
        {
            var rows = json.RootElement.EnumerateArray()
                .Select(r => (
                    Action: r.GetProperty("action").GetString(),
                    Actor: r.GetProperty("actor").GetString(),
                    Version: r.GetProperty("version").GetInt32(),
                    From: r.GetProperty("fromStage").GetString(),
                    To: r.GetProperty("toStage").GetString(),
                    Reason: r.GetProperty("reason").GetString()))
                .ToArray();
            (string? Action, string? Actor, int Version, string? From, string? To, string? Reason)[] expected =
                [
                    ("promote", "bob", 1, "none", "staging", null),
                    ("promote", "alice", 1, "staging", "production", "holdout AUC above gate"),
                    ("promote", "bob", 2, "none", "staging", null),
                    ("archive", "carol", 1, "production", "archived", "fresher data"),
                    ("promote", "carol", 2, "staging", "production", "fresher data"),
                    ("rollback", "oncall", 2, "production", "archived", "recall dropped"),
                    ("rollback", "oncall", 1, "archived", "production", "recall dropped"),
                ];
            Assert.Equal(expected, rows);
            Assert.All(json.RootElement.EnumerateArray(), r => Assert.Equal("churn", r.GetProperty("model").GetString()));
        }

        var table = await Cli("audit", "--store", store);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("rollback", table.Console, StringComparison.Ordinal);
        Assert.Contains("recall dropped", table.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_store_audit_is_empty_and_promote_or_rollback_fail_without_creating_one()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine("none-here");

        var audit = await Cli("audit", "--json", "--store", store);
        Assert.Equal(0, audit.ExitCode);
        Assert.Empty(JsonDocument.Parse(audit.Output).RootElement.EnumerateArray());

        var promote = await Cli("promote", "churn", "1", "--to", "staging", "--store", store);
        Assert.Equal(1, promote.ExitCode);
        Assert.Contains("error: no store at", promote.All, StringComparison.Ordinal);

        var rollback = await Cli("rollback", "churn", "--store", store);
        Assert.Equal(1, rollback.ExitCode);
        Assert.Contains("error: no store at", rollback.All, StringComparison.Ordinal);

        Assert.False(Directory.Exists(store));
    }

    private static Task<CliRunner.CliResult> Cli(params string[] args) => CliRunner.RunAsync(ChurnPipeline.Definition, args);

    private static async Task<Dictionary<int, string>> Stages(string store)
    {
        var models = await Cli("models", "--json", "--store", store);
        Assert.Equal(0, models.ExitCode);
        using var json = JsonDocument.Parse(models.Output);
        return json.RootElement.EnumerateArray().ToDictionary(v => v.GetProperty("version").GetInt32(), v => v.GetProperty("stage").GetString()!);
    }
}
