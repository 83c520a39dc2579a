using System.Text;
using System.Text.Json;
using ChurnPrediction;
using PipelineDsl.IntegrationTests.Serving;

namespace PipelineDsl.IntegrationTests.Monitoring;

/// <summary>The loop through the real server: predictions logged by serve, outcomes ingested later, joined by prediction id.</summary>
[Collection(ServingCollection.Name)]
public sealed class ServingLogMonitoringTests(ServedChurnStore fixture)
{
    [Fact]
    public async Task Delayed_labels_join_the_serving_log_by_prediction_id_and_monitor_computes_the_live_metric()
    {
        using var temp = new TempDirectory();
        var store = fixture.CopyTo(temp);
        var log = temp.Combine("log");
        var labels = new StringBuilder("prediction_id,label\n");
        var csvLabels = File.ReadAllLines(SampleData.Churn).Skip(1).Select(l => l.Split(',')[^1].Trim('"')).ToArray();
        var direct = ServingScenarios.With(ServingScenarios.Deployment(RolloutStrategy.Direct));
        await using (var server = await InProcessServer.StartAsync(direct, ServingScenarios.Options(store) with { PredictionLogDirectory = log }))
        {
            for (var i = 0; i < 400; i++)
            {
                var response = await server.Client.PostAsync("/predict", ServeChurnTests.Json(ChurnRequests.Body(i)));
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                labels.Append(json.RootElement.GetProperty("predictionId").GetString()).Append(',').Append(csvLabels[i]).Append('\n');
            }
        }

        // The outcomes arrive later, with one line that is not a label.
        labels.Append("unknown-id,perhaps\n");
        File.WriteAllText(temp.Combine("outcomes.csv"), labels.ToString());
        var ingest = await CliRunner.RunAsync(ChurnPipeline.Definition, "labels", "ingest", temp.Combine("outcomes.csv"), "--log", log, "--store", store);
        Assert.Equal(2, ingest.ExitCode);
        Assert.Contains("stored 400 labels", ingest.Output, StringComparison.Ordinal);
        Assert.Contains("outcomes.csv:402: column 'label': 'perhaps' is not a label", ingest.Output, StringComparison.Ordinal);

        var monitor = await CliRunner.RunAsync(ChurnPipeline.Definition, "monitor", "--log", log, "--window", "400 rows", "--store", store, "--json");
        Assert.True(monitor.ExitCode is 0 or 4, monitor.All);
        using var report = JsonDocument.Parse(monitor.Output);
        var window = report.RootElement.GetProperty("windows").EnumerateArray().Single();
        Assert.Equal(400, window.GetProperty("rows").GetInt32());
        var decay = window.GetProperty("decay");
        Assert.Equal(400, decay.GetProperty("labelledRows").GetInt32());
        Assert.InRange(decay.GetProperty("live").GetDouble(), 0.85, 1.0);
        Assert.False(decay.GetProperty("decayed").GetBoolean());
    }
}
