using System.Net;
using System.Text.Json;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.IntegrationTests.Serving;

/// <summary>The churn sample's declared canary, with a challenger forced to fail, in its own serve process.</summary>
[Collection(ServingCollection.Name)]
public sealed class CanaryRollbackTests(ServedChurnStore fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_canary_whose_challenger_fails_is_rolled_back_within_one_window_and_no_request_fails()
    {
        using var temp = new TempDirectory();
        var store = fixture.CopyTo(temp);
        var port = ServeChurnTests.FreePort();
        const double window = 3;
        using var server = SampleProcess.Start(
            SampleProcess.SampleDll("ChurnPrediction"),
            ["serve", "--store", store, "--urls", $"http://127.0.0.1:{port}", "--canary-window-seconds", "3", "--poll-seconds", "0.2"],
            new Dictionary<string, string> { ["PIPELINEDSL_FAILPOINTS"] = "serve:challenger=io", ["PIPELINEDSL_ADMIN_KEY"] = "k" });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await ServeChurnTests.WaitReadyAsync(client, server);

        // The canary's first window opens when the challenger is loaded; one window (3 s) must be enough to roll it back.
        var started = await WaitAsync(client, s => s.GetProperty("challenger").ValueKind == JsonValueKind.Number, TimeSpan.FromSeconds(30));
        var rolledBackTicks = 0L;
        using var stop = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var now = JsonDocument.Parse(await Status(client));
                if (now.RootElement.GetProperty("rolledBack").EnumerateArray().Any(v => v.GetInt32() == 2))
                {
                    Interlocked.Exchange(ref rolledBackTicks, DateTime.UtcNow.Ticks);
                    return;
                }

                await Task.Delay(100);
            }
        });
        var load = await ServingScenarios.LoadAsync(client, 4, () => Interlocked.Read(ref rolledBackTicks) != 0, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await watch;

        Assert.True(Interlocked.Read(ref rolledBackTicks) != 0, "the canary was not rolled back in 30 s:\n" + server.Output);
        var elapsed = new DateTime(rolledBackTicks, DateTimeKind.Utc) - started;
        Assert.True(elapsed < TimeSpan.FromSeconds(window + 2), $"rolled back {elapsed.TotalSeconds:0.0} s after the canary started (window {window} s)");
        using var after = JsonDocument.Parse(await Status(client));
        var decision = after.RootElement.GetProperty("lastDecision").GetString()!;
        output.WriteLine($"canary rollback {elapsed.TotalSeconds:0.00} s after the canary started (window {window} s): {decision}; {load.Requests} requests, {load.Answers.Count(a => a.Arm == "champion-fallback")} answered by the champion for the failing challenger");
        Assert.Contains("v2 rolled back: window 1 at 10%: error rate 1 > 0.01", decision, StringComparison.Ordinal);

        // Every request was answered: the champion stands in for the failing challenger.
        Assert.Equal([200], load.Statuses.Keys);
        Assert.Contains(load.Answers, a => a.Arm == "champion-fallback");
        Assert.Equal(ModelStages.Archived, RolloutTests.Stage(store, 2));
        using var registry = PipelineStore.Open(store);
        var audit = registry.ListAudit("churn").Last(a => a.Version == 2);
        Assert.Equal("canary ChurnService", audit.Actor);
        Assert.Contains("error rate 1 > 0.01", audit.Reason, StringComparison.Ordinal);
    }

    private static async Task<string> Status(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/admin/rollout");
        request.Headers.Add("X-Api-Key", "k");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<DateTime> WaitAsync(HttpClient client, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var status = JsonDocument.Parse(await Status(client));
            if (condition(status.RootElement))
            {
                return DateTime.UtcNow;
            }

            await Task.Delay(100);
        }

        Assert.Fail("condition not met in time");
        return default;
    }
}
