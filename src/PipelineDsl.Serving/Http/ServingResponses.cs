using PipelineDsl.Runtime.Data;

namespace PipelineDsl.Serving.Http;

/// <summary>
/// The answer to <c>POST /predict</c>: the prediction, the version that made it, the arm it came from, and the id that
/// <c>labels ingest</c> joins a delayed outcome to.
/// </summary>
public sealed record PredictionResponse(string PredictionId, string Model, int Version, string Arm, float Score, float? Probability, bool? PredictedLabel);

/// <summary>The answer to <c>POST /predict/batch</c>: one prediction per row, in order.</summary>
public sealed record BatchPredictionResponse(string Model, IReadOnlyList<PredictionResponse> Predictions);

/// <summary>An error answer: what went wrong and, for a bad request, every field that broke a rule. Never a stack trace.</summary>
public sealed record ErrorResponse(string Error, IReadOnlyList<FieldError>? Errors = null, string? RequestId = null);

/// <summary>The answer to <c>GET /ready</c> and <c>GET /health</c>.</summary>
public sealed record ReadyResponse(string Status, string Model, int? Version, int? Challenger, string? Reason);

/// <summary>One field of the request contract (<c>GET /contract</c>).</summary>
public sealed record ContractField(string Name, string Type, bool Nullable, double? Minimum, double? Maximum, IReadOnlyList<string>? Categories, string? CsvHeader);

/// <summary>The request contract: the dataset's columns a prediction may use.</summary>
public sealed record ContractResponse(string Model, string Dataset, string SchemaHash, string FeatureSetHash, IReadOnlyList<ContractField> Fields, IReadOnlyList<string> Refused);

/// <summary>The body of <c>POST /admin/weights</c>.</summary>
public sealed record WeightsRequest(double ChallengerPercent);

/// <summary>The body of <c>POST /admin/rollback</c>.</summary>
public sealed record RollbackRequest(string? Reason);
