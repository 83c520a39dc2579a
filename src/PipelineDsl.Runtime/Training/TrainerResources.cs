using PipelineDsl.Runtime.Graph;

namespace PipelineDsl.Runtime.Training;

/// <summary>
/// What a model's training asks of the machine, for the executors that place nodes (containers, Argo): whether a node
/// fits a model, and whether that fit wants a GPU.
/// </summary>
public static class TrainerResources
{
    /// <summary>Whether nodes of <paramref name="kind"/> fit a model (and so get training resources).</summary>
    public static bool Trains(NodeKind kind) => kind is NodeKind.Train or NodeKind.Backtest;

    /// <summary>
    /// Whether training <paramref name="model"/> wants a GPU. ML.NET's LightGBM and FastTree train on CPUs, so this is
    /// false for them; the deep-model trainer (<see cref="Trainer.TorchMlp"/>) wants one, so its training nodes ask for
    /// GPU devices (and fall back to CPUs, saying so, where there are none).
    /// </summary>
    public static bool RequiresGpu(ModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Trainer switch
        {
            Trainer.LightGbm or Trainer.FastTree => false,
            Trainer.TorchMlp => true,
            _ => false,
        };
    }
}
