using System.Text.Json;

namespace PipelineDsl.Runtime.Monitoring;

/// <summary>One row of the serving prediction log, as monitoring reads it.</summary>
/// <param name="Timestamp">When it was scored (UTC).</param>
/// <param name="PredictionId">The id delayed labels join on.</param>
/// <param name="Version">The version that answered.</param>
/// <param name="Arm">The arm that answered (<c>shadow</c> entries are not answers).</param>
/// <param name="Features">The feature vector, in the feature set's order (NaN where the log lacks a feature).</param>
/// <param name="Prediction">The probability for binary classification, else the score.</param>
/// <param name="Input">The request's row object, for a key lookup.</param>
public sealed record LoggedPrediction(DateTime Timestamp, string PredictionId, int Version, string Arm, float[] Features, double Prediction, JsonElement Input);
