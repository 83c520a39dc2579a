namespace PipelineDsl.Runtime.Training;

/// <summary>One rolling-origin fold: train on every row before <see cref="Start"/>, evaluate on [<see cref="Start"/>, <see cref="End"/>).</summary>
/// <param name="Number">1-based fold number, in time order.</param>
/// <param name="Start">First instant of the fold's test window.</param>
/// <param name="End">The instant after its last test row (exclusive).</param>
/// <param name="Train">Row indices strictly before <paramref name="Start"/>.</param>
/// <param name="Test">Row indices in the test window.</param>
public sealed record BacktestFold(int Number, DateTime Start, DateTime End, int[] Train, int[] Test);
