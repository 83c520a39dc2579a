namespace PipelineDsl.Serving.Rollouts;

/// <summary>The arm names the prediction log, the metrics and the responses use.</summary>
internal static class Arm
{
    /// <summary>The production version.</summary>
    public const string Champion = "champion";

    /// <summary>The staging version, answering a share of traffic (canary, blue/green, A/B).</summary>
    public const string Challenger = "challenger";

    /// <summary>The staging version scoring a copy of a request off the response path.</summary>
    public const string Shadow = "shadow";

    /// <summary>The champion answering a request the challenger failed to score.</summary>
    public const string ChampionFallback = "champion-fallback";
}
