namespace PipelineDsl.Serving.Logging;

/// <summary>One scored row, as the prediction log writes it (one JSON line): what came in, what the model saw, what it said.</summary>
/// <param name="Timestamp">When the row was scored (UTC).</param>
/// <param name="PredictionId">The prediction's id: the request id, with <c>/index</c> for a batch row (delayed labels join on it).</param>
/// <param name="Arm"><c>champion</c>, <c>challenger</c>, <c>shadow</c> or <c>champion-fallback</c> (the challenger failed).</param>
/// <param name="Version">The model version that scored it.</param>
/// <param name="LatencyMicroseconds">Feature computation and scoring time.</param>
/// <param name="Input">The row's JSON object exactly as received.</param>
/// <param name="Features">The feature vector the model saw, in feature-set order.</param>
/// <param name="Score">The raw score.</param>
/// <param name="Probability">The probability (binary classification).</param>
/// <param name="PredictedLabel">The predicted class (binary classification).</param>
/// <param name="ChampionScore">For a shadow entry, the champion's score for the same row.</param>
internal sealed record PredictionLogEntry(
    DateTime Timestamp,
    string PredictionId,
    string Arm,
    int Version,
    double LatencyMicroseconds,
    ReadOnlyMemory<byte> Input,
    float[] Features,
    float Score,
    float? Probability,
    bool? PredictedLabel,
    float? ChampionScore = null);
