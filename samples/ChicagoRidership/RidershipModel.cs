using PipelineDsl;

namespace ChicagoRidership;

/// <summary>Gradient-boosted regression trees over <see cref="RidershipFeatures"/>.</summary>
[Model(typeof(RidershipFeatures), Task = MlTask.Regression, Trainer = Trainer.LightGbm)]
public sealed partial class RidershipModel
{
    [Hyperparameter] public int Leaves { get; init; } = 31;
    [Hyperparameter] public double LearningRate { get; init; } = 0.1;
    [Hyperparameter] public int Iterations { get; init; } = 200;
    [Hyperparameter] public int MinimumExampleCountPerLeaf { get; init; } = 50;
}
