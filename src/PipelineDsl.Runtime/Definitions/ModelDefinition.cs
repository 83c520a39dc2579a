namespace PipelineDsl.Runtime;

/// <summary>A model declared with <see cref="ModelAttribute"/>.</summary>
/// <param name="Name">The model class name.</param>
/// <param name="FeatureSetName">The feature set it learns from.</param>
/// <param name="Task">The learning task.</param>
/// <param name="Trainer">The trainer.</param>
/// <param name="Hyperparameters">Trainer settings, in declaration order.</param>
/// <param name="ConfigHash">SHA-256 of task, trainer and hyperparameter declarations, computed at compile time.</param>
public sealed record ModelDefinition(
    string Name,
    string FeatureSetName,
    MlTask Task,
    Trainer Trainer,
    IReadOnlyList<Hyperparameter> Hyperparameters,
    string ConfigHash);
