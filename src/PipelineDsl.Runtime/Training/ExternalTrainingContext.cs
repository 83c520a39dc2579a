namespace PipelineDsl.Runtime.Training;

/// <summary>What the runtime gives an <see cref="IExternalTrainer"/> besides the data.</summary>
/// <param name="Seed">The pipeline's seed: the same seed and data give the same model.</param>
/// <param name="CheckpointFolder">
/// A folder in the store for this model's checkpoints: a training that is killed and run again resumes from the last
/// one written there. <see langword="null"/> when the caller keeps none.
/// </param>
/// <param name="Log">Receives progress lines (one per epoch).</param>
public sealed record ExternalTrainingContext(int Seed, string? CheckpointFolder, Action<string>? Log = null);
