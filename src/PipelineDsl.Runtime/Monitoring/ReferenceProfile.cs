using System.Text.Json;
using System.Text.Json.Serialization;

namespace PipelineDsl.Runtime.Monitoring;

/// <summary>
/// What a model version was trained on, summarized for monitoring: one <see cref="MonitoredColumn"/> per feature (over
/// the training rows) and one for the prediction (over the holdout), plus the holdout metrics decay is judged against.
/// Written at registration as an artifact (lineage key <c>reference_profile</c>), so monitoring never re-reads the
/// training data.
/// </summary>
/// <param name="Pipeline">The pipeline.</param>
/// <param name="FeatureSetHash">The feature set the columns were computed with.</param>
/// <param name="TrainingRows">Rows the features were profiled over.</param>
/// <param name="Features">One column per feature, in feature-set order.</param>
/// <param name="Prediction">The holdout predictions (probability for binary classification, else the score).</param>
/// <param name="HoldoutMetrics">The version's holdout metrics.</param>
public sealed record ReferenceProfile(
    string Pipeline,
    string FeatureSetHash,
    long TrainingRows,
    IReadOnlyList<MonitoredColumn> Features,
    MonitoredColumn Prediction,
    IReadOnlyDictionary<string, double> HoldoutMetrics)
{
    /// <summary>The lineage key of the profile's artifact.</summary>
    public const string LineageKey = "reference_profile";

    /// <summary>The profile as JSON.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ReferenceProfileJsonContext.Default.ReferenceProfile);

    /// <summary>Reads a profile written by <see cref="ToJson"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a profile.</exception>
    public static ReferenceProfile FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ReferenceProfileJsonContext.Default.ReferenceProfile)
                ?? throw new InvalidDataException("the reference profile is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("the reference profile is not valid JSON: " + e.Message, e);
        }
    }
}

/// <summary>Source-generated JSON for <see cref="ReferenceProfile"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ReferenceProfile))]
internal sealed partial class ReferenceProfileJsonContext : JsonSerializerContext;
