using System.Globalization;
using System.Text.Json;
using ChurnPrediction;

namespace PipelineDsl.IntegrationTests;

/// <summary><c>data log</c> and <c>data diff</c> on two versions of the churn data, run through the sample pipeline.</summary>
public sealed class DataVersionCliTests
{
    private const string ScaledColumn = "account_length";

    [Fact]
    public async Task Log_lists_both_versions_and_diff_shows_the_row_change_and_the_scaled_columns_mean_shift()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine(".mlpipeline");
        var original = temp.Combine("churn.csv");
        File.Copy(SampleData.Churn, original);

        // The modified copy: the last 100 rows dropped, account_length doubled (still an integer, still within its range).
        var lines = File.ReadAllLines(original);
        var column = Array.IndexOf(lines[0].Split(','), "\"" + ScaledColumn + "\"");
        Assert.True(column >= 0, lines[0]);
        var kept = lines.Skip(1).Take(lines.Length - 1 - 100).Select(line =>
        {
            var cells = line.Split(',');
            cells[column] = (2 * int.Parse(cells[column], CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
            return string.Join(',', cells);
        }).ToArray();
        var modified = temp.Combine("churn-modified.csv");
        File.WriteAllLines(modified, [lines[0], .. kept]);
        var originalValues = lines.Skip(1).Select(l => double.Parse(l.Split(',')[column], CultureInfo.InvariantCulture)).ToArray();
        var modifiedValues = kept.Select(l => double.Parse(l.Split(',')[column], CultureInfo.InvariantCulture)).ToArray();

        // The snapshot is taken before training: a gate failed under load (exit 3) still records the data version.
        var first = await CliRunner.RunAsync(ChurnPipeline.Definition, "run", "--store", store, "--source", "churn=" + original);
        Assert.True(first.ExitCode is 0 or 3, first.All);
        var second = await CliRunner.RunAsync(ChurnPipeline.Definition, "run", "--store", store, "--source", "churn=" + modified);
        Assert.True(second.ExitCode is 0 or 3, second.All);

        var log = await CliRunner.RunAsync(ChurnPipeline.Definition, "data", "log", "--json", "--store", store);
        Assert.True(log.ExitCode == 0, log.All);
        using var versions = JsonDocument.Parse(log.Output);
        var entries = versions.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, entries.Length);

        // Newest first.
        Assert.Equal(4900, entries[0].GetProperty("rows").GetInt32());
        Assert.Equal(5000, entries[1].GetProperty("rows").GetInt32());
        Assert.All(entries, e => Assert.Equal("churn", e.GetProperty("dataset").GetString()));
        Assert.All(entries, e => Assert.Equal(CustomerDataset.Instance.Columns.Count, e.GetProperty("columns").GetInt32()));
        Assert.Equal(modified, entries[0].GetProperty("sourcePath").GetString());
        var before = entries[1].GetProperty("hash").GetString()!;
        var after = entries[0].GetProperty("hash").GetString()!;
        Assert.Equal(after[..12], entries[0].GetProperty("shortHash").GetString());

        // Versions by unique prefix.
        var diff = await CliRunner.RunAsync(ChurnPipeline.Definition, "data", "diff", before[..8], after[..10], "--json", "--store", store);
        Assert.True(diff.ExitCode == 0, diff.All);
        using var json = JsonDocument.Parse(diff.Output);
        var root = json.RootElement;
        Assert.Equal(before, root.GetProperty("before").GetProperty("hash").GetString());
        Assert.Equal(after, root.GetProperty("after").GetProperty("hash").GetString());
        Assert.True(root.GetProperty("changed").GetBoolean());
        Assert.Equal(5000, root.GetProperty("rows").GetProperty("before").GetInt32());
        Assert.Equal(4900, root.GetProperty("rows").GetProperty("after").GetInt32());
        Assert.Equal(-100, root.GetProperty("rows").GetProperty("delta").GetInt32());
        Assert.Empty(root.GetProperty("schemaChanges").EnumerateArray());

        var scaled = root.GetProperty("numeric").EnumerateArray().Single(c => c.GetProperty("column").GetString() == ScaledColumn);
        var mean = scaled.GetProperty("stats").GetProperty("mean");
        Assert.Equal(originalValues.Average(), mean.GetProperty("before").GetDouble(), 1e-9);
        Assert.Equal(modifiedValues.Average(), mean.GetProperty("after").GetDouble(), 1e-9);
        var std = Math.Sqrt(originalValues.Sum(v => Math.Pow(v - originalValues.Average(), 2)) / (originalValues.Length - 1));
        Assert.Equal(std, scaled.GetProperty("stats").GetProperty("std").GetProperty("before").GetDouble(), 1e-9);
        Assert.Equal((modifiedValues.Average() - originalValues.Average()) / std, scaled.GetProperty("standardizedMeanShift").GetDouble(), 1e-9);
        Assert.True(scaled.GetProperty("standardizedMeanShift").GetDouble() > 2);
        Assert.Equal(2 * originalValues.Take(4900).Max(), scaled.GetProperty("stats").GetProperty("max").GetProperty("after").GetDouble());

        // A column nobody touched moved only as much as dropping 100 rows moves it.
        var untouched = root.GetProperty("numeric").EnumerateArray().Single(c => c.GetProperty("column").GetString() == "total_day_calls");
        Assert.True(Math.Abs(untouched.GetProperty("standardizedMeanShift").GetDouble()) < 0.1, untouched.ToString());
        var state = root.GetProperty("categorical").EnumerateArray().Single(c => c.GetProperty("column").GetString() == "state");
        Assert.Equal(51, state.GetProperty("distinct").GetProperty("before").GetInt32());

        // The tables say the same.
        var table = await CliRunner.RunAsync(ChurnPipeline.Definition, "data", "diff", before, after, "--store", store);
        Assert.True(table.ExitCode == 0, table.All);
        Assert.Contains(ScaledColumn, table.Console, StringComparison.Ordinal);
        Assert.Contains("5000", table.Console, StringComparison.Ordinal);
        Assert.Contains("4900", table.Console, StringComparison.Ordinal);
        Assert.Contains("-100", table.Console, StringComparison.Ordinal);

        var listed = await CliRunner.RunAsync(ChurnPipeline.Definition, "data", "log", "--store", store);
        Assert.True(listed.ExitCode == 0, listed.All);
        Assert.Contains(after[..12], listed.Console, StringComparison.Ordinal);
        Assert.Contains(before[..12], listed.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_names_an_unknown_or_malformed_version()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine(".mlpipeline");
        var run = await CliRunner.RunAsync(ChurnPipeline.Definition, "run", "--store", store, "--source", "churn=" + SampleData.Churn);
        Assert.True(run.ExitCode is 0 or 3, run.All);
        var hash = JsonDocument.Parse((await CliRunner.RunAsync(ChurnPipeline.Definition, "data", "log", "--json", "--store", store)).Output)
            .RootElement[0].GetProperty("hash").GetString()!;
        var unknown = hash[0] == '0' ? "111111" : "000000";

        var missing = await CliRunner.RunAsync(ChurnPipeline.Definition, "data", "diff", hash, unknown, "--store", store);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains(unknown, missing.Console, StringComparison.Ordinal);

        var malformed = await CliRunner.RunAsync(ChurnPipeline.Definition, "data", "diff", "abc", hash, "--store", store);
        Assert.Equal(64, malformed.ExitCode);
        Assert.Contains("'abc'", malformed.Console, StringComparison.Ordinal);

        var same = await CliRunner.RunAsync(ChurnPipeline.Definition, "data", "diff", hash[..6], hash, "--store", store);
        Assert.Equal(0, same.ExitCode);
        Assert.Contains("no differences", same.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_store_log_prints_nothing_or_an_empty_array_and_diff_says_there_is_none()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine("none");

        var json = await CliRunner.RunAsync(ChurnPipeline.Definition, "data", "log", "--json", "--store", store);
        Assert.Equal(0, json.ExitCode);
        Assert.Equal("[]", json.Output.Trim());

        var table = await CliRunner.RunAsync(ChurnPipeline.Definition, "data", "log", "--store", store);
        Assert.Equal(0, table.ExitCode);
        Assert.Equal("", table.Output.Trim());
        Assert.Equal("", table.Console.Trim());

        var diff = await CliRunner.RunAsync(ChurnPipeline.Definition, "data", "diff", "abcdef", "012345", "--store", store);
        Assert.Equal(1, diff.ExitCode);
        Assert.Contains("no store", diff.Console, StringComparison.Ordinal);
        Assert.False(Directory.Exists(store));
    }
}
