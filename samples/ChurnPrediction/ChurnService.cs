using PipelineDsl;

namespace ChurnPrediction;

/// <summary>
/// How the churn model is served (<c>serve</c>): the production version answers; a version promoted to staging enters
/// as a canary at 10% of traffic, then 50%, then 100%, one evaluation window per step. It is rolled back the moment a
/// window shows more than 1% failed predictions, a p99 above 25 ms, or a score distribution that moved from the
/// champion's by a PSI above 0.25; after the last step it is promoted to production.
/// </summary>
[Deployment(typeof(ChurnModel), Rollout = RolloutStrategy.Canary, CanarySteps = new[] { 10, 50, 100 }, EvaluationSeconds = 60,
    MinRequestsPerWindow = 50, MaxErrorRate = 0.01, MaxP99LatencyMs = 25, MaxPredictionShift = 0.25)]
public sealed partial class ChurnService;
