using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ChurnPrediction;

namespace PipelineDsl.IntegrationTests.Serving;

/// <summary>The <c>serve</c> verb on the churn sample, as its own process, the way a user starts it.</summary>
[Collection(ServingCollection.Name)]
public sealed class ServeChurnTests(ServedChurnStore fixture)
{
    [Fact]
    public async Task Serve_answers_ready_predicts_what_in_process_prediction_does_and_names_the_field_of_a_bad_value()
    {
        using var temp = new TempDirectory();
        var store = fixture.CopyTo(temp);
        var port = FreePort();
        using var server = SampleProcess.Start(
            SampleProcess.SampleDll("ChurnPrediction"),
            ["serve", "--store", store, "--urls", $"http://127.0.0.1:{port}"]);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitReadyAsync(client, server);

        // One row of the CSV, sent with its CSV headers as field names and its numbers exactly as written in the file.
        var response = await client.PostAsync("/predict", Json(ChurnRequests.Body(0)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var answer = JsonDocument.Parse(text);
        var version = answer.RootElement.GetProperty("version").GetInt32();
        var probability = answer.RootElement.GetProperty("probability").GetSingle();

        var row = ChurnPipeline.Definition.Dataset.ReadCsv(SampleData.Churn).Rows[0];
        using (var predictor = ChurnPipeline.Definition.LoadPredictor(store, version))
        {
            var local = predictor.Predict(row);
            Assert.Equal(BitConverter.SingleToInt32Bits(local.Probability!.Value), BitConverter.SingleToInt32Bits(probability));
        }

        // The prediction log has what the model saw: the same feature bits the in-process feature path computes.
        var expected = new float[ChurnPipeline.Definition.FeatureSet.Count];
        ChurnPipeline.Definition.FeatureSet.ComputeRow(row, expected);
        var logged = await LoggedFeaturesAsync(Path.Combine(store, "predictions", "churn"));
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), logged.Select(BitConverter.SingleToInt32Bits));

        // A string where a number belongs: 400 naming the field, never a 500.
        var bad = await client.PostAsync("/predict", Json(ChurnRequests.Body(0, new Dictionary<string, string> { ["total_day_minutes"] = "\"a lot\"" })));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var error = await Errors(bad);
        Assert.Equal(("totalDayMinutes", "type"), error.Single());

        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("pipelinedsl_requests_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("status=\"400\"", metrics, StringComparison.Ordinal);
        Assert.Contains("pipelinedsl_model_version{", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/admin/reload", null)).StatusCode);
    }

    internal static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    internal static async Task<List<(string Field, string Rule)>> Errors(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("rule").GetString()!))
            .ToList();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task WaitReadyAsync(HttpClient client, SampleProcess server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync("/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        Assert.Fail("serve did not become ready in 90 s:\n" + server.Output);
    }

    private static async Task<float[]> LoggedFeaturesAsync(string directory)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var file = Directory.Exists(directory) ? Directory.GetFiles(directory, "predictions-*.jsonl").FirstOrDefault() : null;
            if (file is not null)
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var first = new StreamReader(stream).ReadLine();
                if (first is not null)
                {
                    using var entry = JsonDocument.Parse(first);
                    return entry.RootElement.GetProperty("features").EnumerateObject()
                        .Select(p => float.Parse(p.Value.GetRawText(), CultureInfo.InvariantCulture))
                        .ToArray();
                }
            }

            await Task.Delay(100);
        }

        Assert.Fail($"no prediction log entry in {directory}");
        return [];
    }
}
