using PipelineDsl.Runtime.Prediction;

namespace PipelineDsl.Serving.Models;

/// <summary>A registered version loaded for serving, with the stage it was loaded from and its self-test result.</summary>
/// <typeparam name="TRow">The dataset row type.</typeparam>
internal sealed class ServedModel<TRow>(Predictor<TRow> predictor, string stage, Prediction selfTest) : IDisposable
{
    /// <summary>The predictor (thread-safe).</summary>
    public Predictor<TRow> Predictor { get; } = predictor;

    /// <summary>The registry stage it was loaded from (<c>production</c> or <c>staging</c>).</summary>
    public string Stage { get; } = stage;

    /// <summary>The version number.</summary>
    public int Version => Predictor.ModelVersion;

    /// <summary>The version as a metric label, formatted once rather than on every request.</summary>
    public string VersionLabel { get; } = predictor.ModelVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The prediction the self-test made on the first training row.</summary>
    public Prediction SelfTest { get; } = selfTest;

    /// <inheritdoc />
    public void Dispose() => Predictor.Dispose();
}
