namespace PipelineDsl.Runtime.Prediction;

/// <summary>The prediction for one CSV row.</summary>
/// <param name="Line">The 1-based line the row starts on.</param>
/// <param name="Prediction">The model's output.</param>
public sealed record RowPrediction(int Line, Prediction Prediction);
