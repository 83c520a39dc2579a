namespace PipelineDsl.Runtime.Monitoring;

/// <summary>One observed row to monitor: its time, features, prediction, and its label once known.</summary>
/// <param name="Timestamp">When it was scored (or the row's own timestamp); null when unknown.</param>
/// <param name="Features">The feature vector in feature-set order (NaN for a missing value).</param>
/// <param name="Prediction">The probability for binary classification, else the score.</param>
/// <param name="Label">The outcome, once it arrived.</param>
public sealed record MonitorRow(DateTime? Timestamp, float[] Features, double Prediction, double? Label);
