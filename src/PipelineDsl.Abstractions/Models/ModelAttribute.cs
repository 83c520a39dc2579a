using System;

namespace PipelineDsl;

/// <summary>
/// Declares a model: the feature set it learns from, the task and the trainer. Members marked
/// <see cref="HyperparameterAttribute"/> configure the trainer; their values enter the model's config hash.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>Creates the declaration.</summary>
    /// <param name="featureSet">A static class marked with <see cref="FeatureSetAttribute"/>.</param>
    public ModelAttribute(Type featureSet) => FeatureSet = featureSet;

    /// <summary>The feature set.</summary>
    public Type FeatureSet { get; }

    /// <summary>The learning task.</summary>
    public MlTask Task { get; set; } = MlTask.BinaryClassification;

    /// <summary>The trainer.</summary>
    public Trainer Trainer { get; set; } = Trainer.LightGbm;
}
