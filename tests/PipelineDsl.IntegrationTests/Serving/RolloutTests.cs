using System.Net;
using System.Text.Json;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Serving;

namespace PipelineDsl.IntegrationTests.Serving;

/// <summary>Hot swap and the rollout strategies, against the real server on loopback with real churn models.</summary>
[Collection(ServingCollection.Name)]
public sealed class RolloutTests(ServedChurnStore fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string AdminKey = "test-admin-key";

    [Fact]
    public async Task Promoting_a_new_version_under_load_swaps_it_in_with_no_failed_request()
    {
        using var temp = new TempDirectory();
        var store = fixture.CopyTo(temp);
        await using var server = await InProcessServer.StartAsync(ServingScenarios.With(ServingScenarios.Deployment(RolloutStrategy.Direct)), ServingScenarios.Options(store));

        var promotedTicks = long.MaxValue;
        var promote = Task.Run(async () =>
        {
            await Task.Delay(1500);
            using var registry = PipelineStore.Open(store);
            registry.Promote("churn", 2, ModelStages.Production, "test", "alice: swap under load");
            Interlocked.Exchange(ref promotedTicks, DateTime.UtcNow.Ticks);
        });
        var load = await ServingScenarios.LoadAsync(
            server.Client,
            workers: 8,
            until: () => DateTime.UtcNow.Ticks - TimeSpan.FromSeconds(2).Ticks > Interlocked.Read(ref promotedTicks),
            max: TimeSpan.FromSeconds(30));
        await promote;
        output.WriteLine($"hot swap under load: {load.Requests} requests, {load.Answers.Count(a => a.Version == 1)} answered by v1, {load.Answers.Count(a => a.Version == 2)} by v2, statuses {string.Join(", ", load.Statuses.Select(s => $"{s.Key}: {s.Value}"))}, {load.Exceptions} exceptions");

        // Seen by the load loop through the answers: the new version appeared, and nothing failed on the way.
        Assert.Equal(0, load.Exceptions);
        Assert.Equal([200], load.Statuses.Keys);
        Assert.Contains(load.Answers, a => a.Version == 1);
        Assert.Contains(load.Answers, a => a.Version == 2);
        var metrics = await server.Client.GetStringAsync("/metrics");
        Assert.Equal(1, Counter(metrics, "pipelinedsl_model_swaps_total"));
    }

    [Fact]
    public async Task A_healthy_canary_walks_its_steps_and_is_promoted()
    {
        using var temp = new TempDirectory();
        var store = fixture.CopyTo(temp);
        var deployment = ServingScenarios.Deployment(RolloutStrategy.Canary) with
        {
            CanarySteps = [20, 60, 100],
            EvaluationWindow = TimeSpan.FromSeconds(2),
            MinRequestsPerWindow = 100,
            MaxP99LatencyMs = 250,
        };
        await using var server = await InProcessServer.StartAsync(ServingScenarios.With(deployment), ServingScenarios.Options(store, AdminKey));
        var load = await ServingScenarios.LoadAsync(server.Client, 6, () => Stage(store, 2) == ModelStages.Production, TimeSpan.FromSeconds(60));

        using (var status = await Admin(server.Client, "/admin/rollout", get: true))
        {
            Assert.True(Stage(store, 2) == ModelStages.Production, await status.Content.ReadAsStringAsync());
        }

        Assert.Equal([200], load.Statuses.Keys);
        Assert.Contains(load.Answers, a => a.Arm == "challenger" && a.Version == 2);
        using var registry = PipelineStore.Open(store);
        var promotion = registry.ListAudit("churn").Last(a => a.Version == 2 && a.ToStage == ModelStages.Production);
        Assert.Equal("canary test", promotion.Actor);
        Assert.Contains("every step passed (20% -> 60% -> 100%)", promotion.Reason, StringComparison.Ordinal);
        output.WriteLine($"healthy canary: {load.Requests} requests, {load.Answers.Count(a => a.Arm == "challenger")} answered by the challenger; {promotion.Reason}");
    }

    [Fact]
    public async Task Shadow_scores_a_copy_of_every_request_off_the_response_path()
    {
        using var temp = new TempDirectory();
        var store = fixture.CopyTo(temp);
        await using var server = await InProcessServer.StartAsync(ServingScenarios.With(ServingScenarios.Deployment(RolloutStrategy.Shadow)), ServingScenarios.Options(store));
        var sent = 0;
        var load = await ServingScenarios.LoadAsync(server.Client, 2, () => Interlocked.Increment(ref sent) > 200, TimeSpan.FromSeconds(30));

        Assert.All(load.Answers, a => Assert.Equal((1, "champion"), a));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        string metrics;
        do
        {
            await Task.Delay(100);
            metrics = await server.Client.GetStringAsync("/metrics");
        }
        while (Counter(metrics, "pipelinedsl_shadow_comparisons_total") < load.Answers.Count && DateTime.UtcNow < deadline);

        Assert.Equal(load.Answers.Count, Counter(metrics, "pipelinedsl_shadow_comparisons_total"));
    }

    [Fact]
    public async Task Blue_green_switches_all_traffic_and_back_and_needs_the_admin_key()
    {
        using var temp = new TempDirectory();
        var store = fixture.CopyTo(temp);
        await using var server = await InProcessServer.StartAsync(ServingScenarios.With(ServingScenarios.Deployment(RolloutStrategy.BlueGreen)), ServingScenarios.Options(store, AdminKey));
        await WaitChallengerAsync(server.Client);

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.PostAsync("/admin/switch/green", null)).StatusCode);
        Assert.All(await Versions(server.Client, 20), v => Assert.Equal(1, v));
        Assert.Equal(HttpStatusCode.OK, (await Admin(server.Client, "/admin/switch/green")).StatusCode);
        Assert.All(await Versions(server.Client, 20), v => Assert.Equal(2, v));
        Assert.Equal(HttpStatusCode.OK, (await Admin(server.Client, "/admin/switch/blue")).StatusCode);
        Assert.All(await Versions(server.Client, 20), v => Assert.Equal(1, v));
    }

    [Fact]
    public async Task AB_assignment_is_sticky_per_key_and_splits_keys_by_the_declared_share()
    {
        using var temp = new TempDirectory();
        var store = fixture.CopyTo(temp);
        await using var server = await InProcessServer.StartAsync(ServingScenarios.With(ServingScenarios.Deployment(RolloutStrategy.AbTest)), ServingScenarios.Options(store, AdminKey));
        await WaitChallengerAsync(server.Client);

        var arms = new Dictionary<string, int>();
        for (var k = 0; k < 200; k++)
        {
            var key = "customer-" + k;
            var first = await VersionFor(server.Client, key, k);
            Assert.Equal(first, await VersionFor(server.Client, key, k + 1));
            arms[key] = first;
        }

        var challengerShare = arms.Values.Count(v => v == 2) / 200.0;
        Assert.InRange(challengerShare, 0.35, 0.65);
        using var status = JsonDocument.Parse(await (await Admin(server.Client, "/admin/rollout", get: true)).Content.ReadAsStringAsync());
        var challenger = status.RootElement.GetProperty("arms").EnumerateArray().Single(a => a.GetProperty("arm").GetString() == "challenger");
        Assert.Equal(arms.Values.Count(v => v == 2) * 2, challenger.GetProperty("predictions").GetInt64());
    }

    internal static string? Stage(string store, int version)
    {
        using var registry = PipelineStore.Open(store);
        return registry.GetModelVersion("churn", version)?.Stage;
    }

    private static async Task WaitChallengerAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var ready = JsonDocument.Parse(await client.GetStringAsync("/ready"));
            if (ready.RootElement.TryGetProperty("challenger", out var challenger) && challenger.GetInt32() == 2)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("the challenger was not loaded in 30 s");
    }

    private static Task<HttpResponseMessage> Admin(HttpClient client, string path, bool get = false)
    {
        var request = new HttpRequestMessage(get ? HttpMethod.Get : HttpMethod.Post, path);
        request.Headers.Add("X-Api-Key", AdminKey);
        return client.SendAsync(request);
    }

    private static async Task<List<int>> Versions(HttpClient client, int count)
    {
        var versions = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var response = await client.PostAsync("/predict", ServeChurnTests.Json(ChurnRequests.Body(i)));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            versions.Add(json.RootElement.GetProperty("version").GetInt32());
        }

        return versions;
    }

    private static async Task<int> VersionFor(HttpClient client, string key, int row)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = ServeChurnTests.Json(ChurnRequests.Body(row)) };
        request.Headers.Add("X-Assignment-Key", key);
        using var response = await client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("version").GetInt32();
    }

    private static double Counter(string metrics, string name) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
}
