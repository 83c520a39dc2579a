namespace PipelineDsl.Runtime;

/// <summary>How a pipeline splits its rows into training and holdout.</summary>
/// <param name="Strategy">The declared strategy (<see cref="SplitStrategy.Auto"/> is resolved at run time).</param>
/// <param name="HoldoutFraction">Fraction of rows in the holdout.</param>
/// <param name="Seed">Seed of the random split and of the trainer.</param>
public sealed record SplitDefinition(SplitStrategy Strategy, double HoldoutFraction, int Seed);
