using ChurnPrediction;
using PipelineDsl.Runtime;
using PipelineDsl.Serving;

namespace PipelineDsl.IntegrationTests.Serving;

/// <summary>The churn pipeline with another deployment, and steady load for the rollout tests.</summary>
internal static class ServingScenarios
{
    /// <summary>The churn pipeline's definition served with <paramref name="deployment"/> instead of its declared one.</summary>
    public static PipelineDefinition<Customer> With(DeploymentDefinition deployment)
    {
        var d = ChurnPipeline.Definition;
        return new PipelineDefinition<Customer>(d.Name, d.Dataset, d.FeatureSet, d.Model, d.Gates, d.Split, d.Graph, [deployment]);
    }

    public static DeploymentDefinition Deployment(RolloutStrategy rollout) =>
        DeploymentDefinition.Default("test") with { Rollout = rollout };

    public static ServingOptions Options(string store, string? adminKey = null) => new()
    {
        Store = store,
        AdminKey = adminKey,
        PollInterval = TimeSpan.FromMilliseconds(200),
        SwapGrace = TimeSpan.FromSeconds(5),
    };

    /// <summary>What a load run saw: status codes, and (version, arm) of every 200.</summary>
    public sealed record LoadResult(int Requests, IReadOnlyDictionary<int, int> Statuses, IReadOnlyList<(int Version, string Arm)> Answers, int Exceptions);

    /// <summary>Posts churn rows from <paramref name="workers"/> loops until <paramref name="until"/> returns true (checked between requests).</summary>
    public static async Task<LoadResult> LoadAsync(HttpClient client, int workers, Func<bool> until, TimeSpan max)
    {
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var answers = new System.Collections.Concurrent.ConcurrentQueue<(int, string)>();
        var exceptions = 0;
        var requests = 0;
        var deadline = DateTime.UtcNow + max;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            var i = w;
            while (!until() && DateTime.UtcNow < deadline)
            {
                i = (i + workers) % ChurnRequests.Count;
                Interlocked.Increment(ref requests);
                try
                {
                    using var response = await client.PostAsync("/predict", ServeChurnTests.Json(ChurnRequests.Body(i)));
                    statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                    if (response.IsSuccessStatusCode)
                    {
                        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                        answers.Enqueue((json.RootElement.GetProperty("version").GetInt32(), json.RootElement.GetProperty("arm").GetString()!));
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref exceptions);
                }
            }
        }));
        return new LoadResult(requests, statuses, answers.ToArray(), exceptions);
    }
}
