namespace PipelineDsl.Runtime.Prediction;

/// <summary>One model output.</summary>
/// <param name="Score">The raw score (the predicted value for regression).</param>
/// <param name="Probability">The calibrated probability of the positive class (binary classification only).</param>
/// <param name="PredictedLabel">The predicted class (binary classification only).</param>
/// <param name="ModelVersion">The model version that produced it.</param>
public sealed record Prediction(float Score, float? Probability, bool? PredictedLabel, int ModelVersion);
