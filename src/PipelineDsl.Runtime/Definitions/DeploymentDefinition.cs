namespace PipelineDsl.Runtime;

/// <summary>
/// A deployment declared with <see cref="DeploymentAttribute"/>, as the generator read it: the rollout strategy and
/// the thresholds of its automatic rollback.
/// </summary>
/// <param name="Name">The deployment's name.</param>
/// <param name="Rollout">How a challenger reaches traffic.</param>
/// <param name="CanarySteps">Canary: the challenger's share at each step, in percent, increasing, ending at 100.</param>
/// <param name="EvaluationWindow">Canary: the length of one evaluation window.</param>
/// <param name="MinRequestsPerWindow">Canary: challenger requests needed before a window is judged.</param>
/// <param name="MaxErrorRate">Canary: the highest challenger error rate in a window.</param>
/// <param name="MaxP99LatencyMs">Canary: the highest challenger p99 latency in a window, in milliseconds.</param>
/// <param name="MaxPredictionShift">Canary: the highest PSI between challenger and champion scores in a window.</param>
/// <param name="ChallengerPercent">A/B: the challenger's share of entities, in percent.</param>
/// <param name="AssignmentMember">A/B: the member whose value assigns an arm; null for none (then a request header or the whole body).</param>
public sealed record DeploymentDefinition(
    string Name,
    RolloutStrategy Rollout,
    IReadOnlyList<int> CanarySteps,
    TimeSpan EvaluationWindow,
    int MinRequestsPerWindow,
    double MaxErrorRate,
    double MaxP99LatencyMs,
    double MaxPredictionShift,
    int ChallengerPercent,
    string? AssignmentMember)
{
    /// <summary>The deployment a pipeline without a <see cref="DeploymentAttribute"/> is served with: direct, hot swap only.</summary>
    public static DeploymentDefinition Default(string name) =>
        new(name, RolloutStrategy.Direct, [10, 50, 100], TimeSpan.FromSeconds(60), 50, 0.01, 50, 0.25, 50, null);
}
