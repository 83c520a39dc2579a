using PipelineDsl.Runtime.Data;

namespace PipelineDsl.Runtime.Prediction;

/// <summary>Predictions for a CSV file.</summary>
/// <param name="Path">The file read.</param>
/// <param name="ModelName">The model's name.</param>
/// <param name="ModelVersion">The model version used.</param>
/// <param name="Rows">One prediction per row that parsed, in file order.</param>
/// <param name="Errors">Cells that did not parse (their rows have no prediction).</param>
public sealed record CsvPredictionResult(string Path, string ModelName, int ModelVersion, IReadOnlyList<RowPrediction> Rows, DataErrorReport Errors);
