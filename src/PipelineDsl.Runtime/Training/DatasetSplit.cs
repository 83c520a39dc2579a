namespace PipelineDsl.Runtime.Training;

/// <summary>A split of row indices into training and holdout.</summary>
/// <param name="Strategy">The strategy used (never <see cref="SplitStrategy.Auto"/>).</param>
/// <param name="Train">Training row indices, ascending.</param>
/// <param name="Test">Holdout row indices, ascending.</param>
public sealed record DatasetSplit(SplitStrategy Strategy, int[] Train, int[] Test);
