using PipelineDsl;

namespace ChurnPrediction;

/// <summary>Gradient-boosted trees over <see cref="ChurnFeatures"/>.</summary>
[Model(typeof(ChurnFeatures), Task = MlTask.BinaryClassification, Trainer = Trainer.LightGbm)]
public sealed partial class ChurnModel
{
    [Hyperparameter] public int Leaves { get; init; } = 16;
    [Hyperparameter] public double LearningRate { get; init; } = 0.05;
    [Hyperparameter] public int Iterations { get; init; } = 300;
    [Hyperparameter] public int MinimumExampleCountPerLeaf { get; init; } = 20;
}
