namespace PipelineDsl.Serving.Rollouts;

/// <summary>What <c>GET /admin/rollout</c> answers: the strategy, who is served, the challenger's share and the last decision.</summary>
public sealed record RolloutStatus(
    string Deployment,
    string Strategy,
    int? Champion,
    int? Challenger,
    double ChallengerPercent,
    int? CanaryStep,
    int? CanaryStepCount,
    bool? GreenActive,
    string? LastDecision,
    IReadOnlyList<int> RolledBack,
    IReadOnlyList<ArmStatistics> Arms);

/// <summary>Per-arm counts: rows scored, failures, mean score and share of positive predictions (binary classification).</summary>
public sealed record ArmStatistics(string Arm, long Predictions, long Errors, double MeanScore, double? PositiveRate);
