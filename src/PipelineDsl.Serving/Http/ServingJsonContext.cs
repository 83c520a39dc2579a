using System.Text.Json.Serialization;
using PipelineDsl.Serving.Rollouts;

namespace PipelineDsl.Serving.Http;

/// <summary>System.Text.Json source-generated serialization of every response and admin body (no reflection at run time).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PredictionResponse))]
[JsonSerializable(typeof(BatchPredictionResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ReadyResponse))]
[JsonSerializable(typeof(ContractResponse))]
[JsonSerializable(typeof(WeightsRequest))]
[JsonSerializable(typeof(RollbackRequest))]
[JsonSerializable(typeof(RolloutStatus))]
internal sealed partial class ServingJsonContext : JsonSerializerContext;
