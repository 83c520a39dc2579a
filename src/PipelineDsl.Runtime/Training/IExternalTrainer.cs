using Microsoft.ML;

namespace PipelineDsl.Runtime.Training;

/// <summary>
/// A trainer that lives outside the runtime (a deep-learning package) and fits a model the runtime then treats like
/// any ML.NET model: the <see cref="ITransformer"/> it returns maps the <c>Features</c> vector to the task's standard
/// columns (<c>Score</c>; binary classification adds <c>Probability</c> and <c>PredictedLabel</c>), is saved in the
/// model zip, evaluated, gated, registered and served as the built-in trainers' models are.
/// </summary>
public interface IExternalTrainer
{
    /// <summary>
    /// Why this trainer cannot fit a model in this process (e.g. its native library does not load here), or
    /// <see langword="null"/> when it can. Cheap after the first call. Loading a model it trained must not need it.
    /// </summary>
    string? UnavailableReason { get; }

    /// <summary>Checks <paramref name="model"/>'s hyperparameters; throws <see cref="ArgumentException"/> naming a bad one.</summary>
    void Validate(ModelDefinition model);

    /// <summary>Fits <paramref name="model"/> on <paramref name="training"/> (columns <c>Features</c> and <c>Label</c>).</summary>
    ITransformer Fit(MLContext context, IDataView training, ModelDefinition model, ExternalTrainingContext environment);
}
