using PipelineDsl;

namespace MlPipeline1;

#if (binary)
/// <summary>Gradient-boosted trees over <see cref="ChurnFeatures"/>: will the customer leave?</summary>
#if (fastTree)
[Model(typeof(ChurnFeatures), Task = MlTask.BinaryClassification, Trainer = Trainer.FastTree)]
#else
[Model(typeof(ChurnFeatures), Task = MlTask.BinaryClassification, Trainer = Trainer.LightGbm)]
#endif
public sealed partial class ChurnModel
{
    [Hyperparameter] public int Leaves { get; init; } = 16;
    [Hyperparameter] public double LearningRate { get; init; } = 0.05;
    [Hyperparameter] public int Iterations { get; init; } = 200;
    [Hyperparameter] public int MinimumExampleCountPerLeaf { get; init; } = 10;
}
#else
/// <summary>Gradient-boosted regression trees over <see cref="HouseFeatures"/>: what will the house sell for?</summary>
#if (fastTree)
[Model(typeof(HouseFeatures), Task = MlTask.Regression, Trainer = Trainer.FastTree)]
#else
[Model(typeof(HouseFeatures), Task = MlTask.Regression, Trainer = Trainer.LightGbm)]
#endif
public sealed partial class HouseModel
{
    [Hyperparameter] public int Leaves { get; init; } = 16;
    [Hyperparameter] public double LearningRate { get; init; } = 0.05;
    [Hyperparameter] public int Iterations { get; init; } = 300;
    [Hyperparameter] public int MinimumExampleCountPerLeaf { get; init; } = 10;
}
#endif
