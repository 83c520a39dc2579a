using PipelineDsl;

namespace HousePrices;

/// <summary>Gradient-boosted regression trees over <see cref="HouseFeatures"/>.</summary>
[Model(typeof(HouseFeatures), Task = MlTask.Regression, Trainer = Trainer.FastTree)]
public sealed partial class HouseModel
{
    [Hyperparameter] public int Leaves { get; init; } = 20;
    [Hyperparameter] public double LearningRate { get; init; } = 0.1;
    [Hyperparameter] public int Iterations { get; init; } = 300;
    [Hyperparameter] public int MinimumExampleCountPerLeaf { get; init; } = 10;
}
