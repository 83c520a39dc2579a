using System.Text.Json;
using ChurnPrediction;

namespace PipelineDsl.IntegrationTests;

/// <summary>The churn sample, end to end, through the CLI, on the real mlc_churn data.</summary>
public sealed class ChurnSampleTests
{
    [Fact]
    public async Task Run_registers_a_version_with_auc_at_least_090_and_full_lineage()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine(".mlpipeline");

        var run = await CliRunner.RunAsync(ChurnPipeline.Definition, "run", "--store", store, "--source", "churn=" + SampleData.Churn);
        Assert.True(run.ExitCode == 0, run.All);

        var models = await CliRunner.RunAsync(ChurnPipeline.Definition, "models", "--json", "--store", store);
        Assert.Equal(0, models.ExitCode);
        using var json = JsonDocument.Parse(models.Output);
        var version = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("churn", version.GetProperty("name").GetString());
        Assert.Equal(1, version.GetProperty("version").GetInt32());
        Assert.True(version.GetProperty("metrics").GetProperty("auc").GetDouble() >= 0.90, models.Output);

        var lineage = version.GetProperty("lineage");
        Assert.Equal(64, lineage.GetProperty("data_hash").GetString()!.Length);
        Assert.Equal(ChurnFeatures.FeatureSetHash, lineage.GetProperty("feature_set_hash").GetString());
        Assert.Equal(CustomerDataset.DatasetSchemaHash, lineage.GetProperty("schema_hash").GetString());
        Assert.Equal(ChurnModel.ModelConfigHash, lineage.GetProperty("model_config_hash").GetString());

        // The data snapshot is stored once, under its own hash.
        var artifact = Path.Combine(store, "artifacts", "sha256", lineage.GetProperty("data_hash").GetString()![..2], lineage.GetProperty("data_hash").GetString()!);
        Assert.True(File.Exists(artifact));
    }

    [Fact]
    public async Task Run_and_plan_speak_json_too()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine(".mlpipeline");

        var run = await CliRunner.RunAsync(ChurnPipeline.Definition, "run", "--json", "--store", store, "--source", "churn=" + SampleData.Churn);

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal("", run.Console.Trim());
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(0, json.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("modelVersion").GetInt32());
        var details = json.RootElement.GetProperty("run");
        Assert.Equal("succeeded", details.GetProperty("status").GetString());
        Assert.True(details.GetProperty("metrics").GetProperty("auc").GetDouble() >= 0.9);
        Assert.Equal(ChurnPipeline.Graph.Nodes.Count, details.GetProperty("nodes").GetArrayLength());
        Assert.Equal(7, details.GetProperty("gates").GetArrayLength());

        var plan = await CliRunner.RunAsync(ChurnPipeline.Definition, "plan", "--format", "json");
        using var graph = JsonDocument.Parse(plan.Output);
        Assert.Equal(ChurnPipeline.Graph.TopologicalOrder, graph.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!));
        Assert.Contains(graph.RootElement.GetProperty("gates").EnumerateArray(), g => g.GetString() == "recall >= 0.6 on every InternationalPlan slice of 30+ rows");
    }

    [Fact]
    public async Task Reproduce_retrains_a_version_from_its_lineage_with_identical_metrics_and_model_bytes()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine(".mlpipeline");
        var run = await CliRunner.RunAsync(ChurnPipeline.Definition, "run", "--store", store, "--source", "churn=" + SampleData.Churn);
        Assert.True(run.ExitCode == 0, run.All);

        var reproduce = await CliRunner.RunAsync(ChurnPipeline.Definition, "reproduce", "churn", "1", "--json", "--store", store);

        Assert.True(reproduce.ExitCode == 0, reproduce.All);
        using var json = JsonDocument.Parse(reproduce.Output);
        Assert.True(json.RootElement.GetProperty("metricsMatch").GetBoolean());
        Assert.True(json.RootElement.GetProperty("modelIdentical").GetBoolean());
        Assert.Equal(
            json.RootElement.GetProperty("registered").GetProperty("auc").GetDouble(),
            json.RootElement.GetProperty("reproduced").GetProperty("auc").GetDouble());
    }

    [Fact]
    public async Task Plan_prints_every_node_of_the_dag()
    {
        var plan = await CliRunner.RunAsync(ChurnPipeline.Definition, "plan");
        Assert.Equal(0, plan.ExitCode);
        foreach (var node in ChurnPipeline.Graph.Nodes)
        {
            Assert.Contains(node.Id, plan.Output, StringComparison.Ordinal);
        }

        Assert.Contains("flowchart TD", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupted_cell_stops_the_run_names_line_and_column_and_changes_no_registered_state()
    {
        using var temp = new TempDirectory();
        var store = temp.Combine(".mlpipeline");
        var first = await CliRunner.RunAsync(ChurnPipeline.Definition, "run", "--store", store, "--source", "churn=" + SampleData.Churn);
        Assert.True(first.ExitCode == 0, first.All);
        var modelsBefore = (await CliRunner.RunAsync(ChurnPipeline.Definition, "models", "--json", "--store", store)).Output;
        var artifactsBefore = Directory.GetFiles(Path.Combine(store, "artifacts"), "*", SearchOption.AllDirectories).Order().ToArray();

        // Line 101 of the file is data row 100; corrupt its total_day_minutes cell (column 7).
        var lines = File.ReadAllLines(SampleData.Churn);
        var cells = lines[100].Split(',');
        cells[6] = "12..5";
        lines[100] = string.Join(',', cells);
        var corrupted = temp.Combine("churn-corrupted.csv");
        File.WriteAllLines(corrupted, lines);

        var run = await CliRunner.RunAsync(ChurnPipeline.Definition, "run", "--store", store, "--source", "churn=" + corrupted);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("churn-corrupted.csv:101", run.All, StringComparison.Ordinal);
        Assert.Contains("total_day_minutes", run.All, StringComparison.Ordinal);
        Assert.Contains("12..5", run.All, StringComparison.Ordinal);

        var modelsAfter = (await CliRunner.RunAsync(ChurnPipeline.Definition, "models", "--json", "--store", store)).Output;
        Assert.Equal(modelsBefore, modelsAfter);
        var artifactsAfter = Directory.GetFiles(Path.Combine(store, "artifacts"), "*", SearchOption.AllDirectories).Order().ToArray();
        Assert.Equal(artifactsBefore, artifactsAfter);

        var runs = await CliRunner.RunAsync(ChurnPipeline.Definition, "runs", "--json", "--store", store);
        using var json = JsonDocument.Parse(runs.Output);
        Assert.Equal("failed_validation", json.RootElement[0].GetProperty("status").GetString());
    }
}
