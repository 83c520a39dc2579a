using System.Net;
using System.Text;
using System.Text.Json;
using ChurnPrediction;

namespace PipelineDsl.IntegrationTests.Serving;

/// <summary>The request contract over HTTP: bad input gets a 400 naming the field and the rule, never a 500.</summary>
[Collection(ServingCollection.Name)]
public sealed class RequestContractTests(ServedChurnStore fixture)
{
    public static TheoryData<string, string, string, string> BadFields => new()
    {
        // CSV header, JSON value, field named in the error, rule
        { "total_day_minutes", "\"12.5\"", "totalDayMinutes", "type" },
        { "total_day_calls", "1.5", "totalDayCalls", "type" },
        { "total_day_minutes", "-3", "totalDayMinutes", "range" },
        { "international_plan", "\"maybe\"", "internationalPlan", "categories" },
        { "state", "17", "state", "type" },
        { "total_eve_minutes", "null", "totalEveMinutes", "type" },
        { "total_day_minutes", "1e400", "totalDayMinutes", "type" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_bad_value_gets_400_naming_the_field_and_the_rule(string header, string value, string field, string rule)
    {
        using var temp = new TempDirectory();
        await using var server = await StartAsync(temp);
        var response = await server.Client.PostAsync("/predict", ServeChurnTests.Json(ChurnRequests.Body(3, new Dictionary<string, string> { [header] = value })));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((field, rule), await ServeChurnTests.Errors(response));
    }

    [Fact]
    public async Task Missing_unknown_and_label_fields_and_malformed_json_are_400s_that_say_why()
    {
        using var temp = new TempDirectory();
        await using var server = await StartAsync(temp);
        var body = ChurnRequests.Body(0);

        var missing = await server.Client.PostAsync("/predict", ServeChurnTests.Json(body.Replace("\"total_day_calls\":", "\"x_total_day_calls\":", StringComparison.Ordinal)));
        var errors = await ServeChurnTests.Errors(missing);
        Assert.Contains(("totalDayCalls", "missing"), errors);
        Assert.Contains(("x_total_day_calls", "unknown"), errors);

        var label = await server.Client.PostAsync("/predict", ServeChurnTests.Json(ChurnRequests.Body(0, includeLabel: true)));
        Assert.Contains(("churn", "not-accepted"), await ServeChurnTests.Errors(label));

        var malformed = await server.Client.PostAsync("/predict", ServeChurnTests.Json(body[..^5]));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains(("$", "json"), await ServeChurnTests.Errors(malformed));

        var tooBig = await server.Client.PostAsync("/predict", ServeChurnTests.Json("{\"state\":\"" + new string('x', 2 << 20) + "\"}"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
    }

    [Fact]
    public async Task A_batch_scores_every_row_in_order_and_a_bad_row_is_named_by_its_index()
    {
        using var temp = new TempDirectory();
        await using var server = await StartAsync(temp);
        var rows = Enumerable.Range(0, 5).Select(i => ChurnRequests.Body(i)).ToArray();
        var response = await server.Client.PostAsync("/predict/batch", ServeChurnTests.Json("[" + string.Join(',', rows) + "]"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var probabilities = json.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("probability").GetSingle()).ToArray();

        using var predictor = ChurnPipeline.Definition.LoadPredictor(_store!, 1);
        var expected = ChurnPipeline.Definition.Dataset.ReadCsv(SampleData.Churn).Rows.Take(5).Select(r => predictor.Predict(r).Probability!.Value).ToArray();
        Assert.Equal(expected, probabilities);

        rows[1] = ChurnRequests.Body(1, new Dictionary<string, string> { ["total_day_minutes"] = "\"x\"" });
        var bad = await server.Client.PostAsync("/predict/batch", ServeChurnTests.Json("[" + string.Join(',', rows) + "]"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(("[1].totalDayMinutes", "type"), (await ServeChurnTests.Errors(bad)).Single());
    }

    [Fact]
    public async Task Ten_thousand_random_and_malformed_bodies_get_only_2xx_or_4xx_and_the_server_stays_ready()
    {
        using var temp = new TempDirectory();
        await using var server = await StartAsync(temp);
        var random = new Random(20261123);
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var bodies = Enumerable.Range(0, 10_000).Select(i => (Path: i % 10 == 0 ? "/predict/batch" : "/predict", Body: Fuzz(random, i))).ToArray();
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, ct) =>
        {
            using var content = new ByteArrayContent(item.Body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await server.Client.PostAsync(item.Path, content, ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
        });

        Assert.All(statuses.Keys, status => Assert.True(status is >= 200 and < 500, $"status {status} ({statuses[status]} times)"));
        Assert.True(statuses.GetValueOrDefault(400) > 5_000, string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(statuses.GetValueOrDefault(200) > 100, string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync("/predict", ServeChurnTests.Json(ChurnRequests.Body(0)))).StatusCode);
    }

    private string? _store;

    private async Task<InProcessServer> StartAsync(TempDirectory temp)
    {
        _store = fixture.CopyTo(temp);
        var direct = ServingScenarios.With(ServingScenarios.Deployment(PipelineDsl.RolloutStrategy.Direct));
        return await InProcessServer.StartAsync(direct, ServingScenarios.Options(_store) with { LogPredictions = false });
    }

    /// <summary>A valid row, or one broken one way: random bytes, a cut, a wrong type, an odd number, deep nesting, odd keys.</summary>
    private static byte[] Fuzz(Random random, int i)
    {
        var row = ChurnRequests.Body(random.Next(ChurnRequests.Count));
        var batch = i % 10 == 0;
        string text = (i % 11) switch
        {
            0 => row,
            1 => row[..random.Next(row.Length)],
            2 => Replace(random, row, "\"" + new string((char)random.Next(32, 127), random.Next(0, 20)) + "\""),
            3 => Replace(random, row, random.Next(4) switch { 0 => "1e309", 1 => "-0", 2 => "123456789012345678901234567890", _ => "0.0000000000000000000000000001" }),
            4 => Replace(random, row, random.Next(3) switch { 0 => "null", 1 => "[1,2]", _ => "{\"a\":1}" }),
            5 => new string('[', random.Next(1, 200)) + new string(']', random.Next(0, 200)),
            6 => "{\"" + new string('k', random.Next(1, 300)) + "\":1}",
            7 => row.Replace("\"state\"", "\"st\\u0061te\"", StringComparison.Ordinal),
            8 => random.Next(3) switch { 0 => "", 1 => "null", _ => "\"just a string\"" },
            9 => row + row,
            _ => null!,
        };
        if (text is null)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            return bytes;
        }

        return Encoding.UTF8.GetBytes(batch ? "[" + text + "]" : text);
    }

    private static string Replace(Random random, string row, string value)
    {
        var colons = Enumerable.Range(0, row.Length).Where(k => row[k] == ':').ToArray();
        var at = colons[random.Next(colons.Length)] + 1;
        var end = row.IndexOfAny([',', '}'], at);
        return row[..at] + value + row[end..];
    }
}
