using System.Text.Json;
using ChurnPrediction;

namespace PipelineDsl.IntegrationTests;

/// <summary>Experiment tracking through the CLI on the churn sample: <c>runs</c> filtered and sorted by a metric, <c>runs compare</c>.</summary>
public sealed class RunsCliTests
{
    [Fact]
    public async Task Runs_filter_sort_and_compare_on_the_churn_sample()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine(".mlpipeline");

        var first = await Cli("run", "--store", store, "--source", "churn=" + SampleData.Churn);
        Assert.True(first.ExitCode == 0, first.All);
        var second = await Cli("run", "--store", store, "--source", "churn=" + SampleData.Churn, "--force");
        Assert.True(second.ExitCode == 0, second.All);

        // A third run without --force restores every node from the step cache.
        var third = await Cli("run", "--store", store, "--source", "churn=" + SampleData.Churn);
        Assert.True(third.ExitCode == 0, third.All);

        var all = await Cli("runs", "--json", "--store", store);
        Assert.True(all.ExitCode == 0, all.All);
        string idA, idB, idC;
        using (var json = JsonDocument.Parse(all.Output))
        {
            var runs = json.RootElement.EnumerateArray().ToArray();
            Assert.Equal(3, runs.Length);
            (idC, idB, idA) = (runs[0].GetProperty("id").GetString()!, runs[1].GetProperty("id").GetString()!, runs[2].GetProperty("id").GetString()!);
            var nodes = runs[0].GetProperty("nodes").GetArrayLength();
            Assert.Equal(nodes, runs[0].GetProperty("cachedNodes").GetInt32());
            Assert.Equal(0, runs[1].GetProperty("cachedNodes").GetInt32());
            Assert.Equal(0, runs[2].GetProperty("cachedNodes").GetInt32());
            Assert.All(runs, r => Assert.Equal("succeeded", r.GetProperty("status").GetString()));
        }

        // Filtered on a metric and sorted by it: every run has the same AUC (training is deterministic), so the ties
        // are newest first; a threshold no run reaches matches none.
        var best = await Cli("runs", "--where", "auc>=0.9", "--sort", "auc", "--json", "--store", store);
        Assert.True(best.ExitCode == 0, best.All);
        using (var json = JsonDocument.Parse(best.Output))
        {
            var runs = json.RootElement.EnumerateArray().ToArray();
            Assert.Equal([idC, idB, idA], runs.Select(r => r.GetProperty("id").GetString()));
            Assert.All(runs, r => Assert.True(r.GetProperty("metrics").GetProperty("auc").GetDouble() >= 0.9));
            Assert.All(runs, r => Assert.True(r.TryGetProperty("params", out _)));
        }

        var none = await Cli("runs", "--where", "metrics.auc>1", "--status", "succeeded", "--json", "--store", store);
        Assert.True(none.ExitCode == 0, none.All);
        Assert.Empty(JsonDocument.Parse(none.Output).RootElement.EnumerateArray());
        var noneTable = await Cli("runs", "--where", "metrics.auc>1", "--store", store);
        Assert.Contains("no runs match: metrics.auc>1", noneTable.Output, StringComparison.Ordinal);

        var failed = await Cli("runs", "--status", "failed_gate", "--json", "--store", store);
        Assert.Empty(JsonDocument.Parse(failed.Output).RootElement.EnumerateArray());

        var table = await Cli("runs", "--sort", "log_loss", "--limit", "2", "--store", store);
        Assert.True(table.ExitCode == 0, table.All);
        Assert.Contains("cached", table.Console, StringComparison.Ordinal);
        Assert.Contains(idC, table.Console, StringComparison.Ordinal);
        Assert.DoesNotContain(idA, table.Console, StringComparison.Ordinal);

        // Compare by unique prefixes: same params, same data, same metrics and lineage; A computed every node.
        var compare = await Cli("runs", "compare", idA[..^3], idB[..^3], "--json", "--store", store);
        Assert.True(compare.ExitCode == 0, compare.All);
        using (var json = JsonDocument.Parse(compare.Output))
        {
            var root = json.RootElement;
            Assert.Equal(idA, root.GetProperty("a").GetProperty("id").GetString());
            Assert.Equal(idB, root.GetProperty("b").GetProperty("id").GetString());
            Assert.Equal(1, root.GetProperty("a").GetProperty("model").GetProperty("version").GetInt32());
            Assert.Equal(2, root.GetProperty("b").GetProperty("model").GetProperty("version").GetInt32());
            Assert.Empty(root.GetProperty("params").EnumerateArray());

            var metrics = root.GetProperty("metrics").EnumerateArray().ToArray();
            Assert.Contains(metrics, m => m.GetProperty("key").GetString() == "auc");
            // Deterministic training: every metric is the same, except the latency probe, which times the machine.
            var model = metrics.Where(m => !PipelineDsl.Runtime.Execution.ReproductionResult.TimingMetrics.Contains(m.GetProperty("key").GetString()!)).ToArray();
            Assert.All(model, m => Assert.Equal("unchanged", m.GetProperty("verdict").GetString()));
            Assert.All(model.Where(m => m.GetProperty("delta").ValueKind == JsonValueKind.Number), m => Assert.Equal(0.0, m.GetProperty("delta").GetDouble()));

            var data = root.GetProperty("data");
            Assert.True(data.GetProperty("same").GetBoolean());
            Assert.Equal(64, data.GetProperty("a").GetString()!.Length);
            var lineage = data.GetProperty("lineage");
            Assert.True(lineage.GetProperty("same").GetBoolean(), lineage.ToString());
            Assert.Empty(lineage.GetProperty("features").EnumerateArray());
            Assert.Equal(
                ["feature_set_hash", "model_config_hash", "schema_hash", "git_commit"],
                lineage.GetProperty("facts").EnumerateArray().Select(f => f.GetProperty("key").GetString()));

            var nodes = root.GetProperty("nodes").EnumerateArray().ToArray();
            Assert.Contains(nodes, n => n.GetProperty("id").GetString() == "train:ChurnModel");
            Assert.All(nodes, n => Assert.Equal(("completed", "completed"), (n.GetProperty("a").GetString(), n.GetProperty("b").GetString())));
        }

        // The cached run against the first: every node cached in B; it registered no version, so there is no lineage.
        var cached = await Cli("runs", "compare", idA, idC, "--json", "--store", store);
        Assert.True(cached.ExitCode == 0, cached.All);
        using (var json = JsonDocument.Parse(cached.Output))
        {
            var root = json.RootElement;
            Assert.All(root.GetProperty("nodes").EnumerateArray(), n => Assert.Equal("cached", n.GetProperty("b").GetString()));
            Assert.Equal(JsonValueKind.Null, root.GetProperty("b").GetProperty("model").ValueKind);
            Assert.Equal(JsonValueKind.Null, root.GetProperty("data").GetProperty("lineage").ValueKind);
        }

        var text = await Cli("runs", "compare", idA, idB, "--store", store);
        Assert.True(text.ExitCode == 0, text.All);
        Assert.Contains("params: the same", text.Console, StringComparison.Ordinal);
        Assert.Contains("unchanged", text.Console, StringComparison.Ordinal);
        Assert.Contains("snapshot: the same", text.Console, StringComparison.Ordinal);
        Assert.Contains("models: A churn v1, B churn v2", text.Console, StringComparison.Ordinal);

        // Every id starts with the year: ambiguous, and the candidates are listed.
        var ambiguous = await Cli("runs", "compare", idA[..2], idB, "--store", store);
        Assert.Equal(64, ambiguous.ExitCode);
        Assert.Contains("ambiguous", ambiguous.All, StringComparison.Ordinal);
        Assert.Contains(idA, ambiguous.All, StringComparison.Ordinal);
        Assert.Contains(idC, ambiguous.All, StringComparison.Ordinal);

        var unknown = await Cli("runs", "compare", idA, "nope", "--store", store);
        Assert.Equal(64, unknown.ExitCode);
        Assert.Contains("run B: no run id starts with 'nope'", unknown.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auc>>0.9", "'>>' is not an operator")]
    [InlineData("auc", "no comparison operator")]
    [InlineData("auc>=high", "not a number")]
    [InlineData("params.=x", "names no parameter")]
    [InlineData("auc==0.9", "'==' is not an operator")]
    [InlineData(">=0.9", "names no metric or parameter")]
    [InlineData("param.trainer=LightGbm", "the prefix is 'params.'")]
    public async Task A_malformed_where_is_a_usage_error_that_quotes_it(string expression, string why)
    {
        using var temp = new TempDirectory();
        var result = await Cli("runs", "--where", expression, "--store", temp.Combine("store"));

        Assert.Equal(64, result.ExitCode);
        Assert.Contains($"--where \"{expression}\"", result.All, StringComparison.Ordinal);
        Assert.Contains(why, result.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--status", "done" }, "--status expects one of running, succeeded")]
    [InlineData(new[] { "--asc" }, "--asc orders the --sort metric")]
    [InlineData(new[] { "--sort", "auc", "--asc", "--desc" }, "--asc and --desc contradict")]
    [InlineData(new[] { "--sort", "params.trainer" }, "not a parameter")]
    [InlineData(new[] { "--limit", "0" }, "--limit must be at least 1")]
    public async Task Contradictory_or_unknown_options_are_usage_errors(string[] options, string why)
    {
        using var temp = new TempDirectory();
        var result = await Cli(["runs", .. options, "--store", temp.Combine("store")]);

        Assert.Equal(64, result.ExitCode);
        Assert.Contains(why, result.All, StringComparison.Ordinal);
    }

    private static Task<CliRunner.CliResult> Cli(params string[] args) => CliRunner.RunAsync(ChurnPipeline.Definition, args);
}
