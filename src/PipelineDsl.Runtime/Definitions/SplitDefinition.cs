namespace PipelineDsl.Runtime;

/// <summary>How a pipeline splits its rows into training and holdout, and how it backtests.</summary>
/// <param name="Strategy">The declared strategy (<see cref="SplitStrategy.Auto"/> is resolved at run time).</param>
/// <param name="HoldoutFraction">Fraction of rows in the holdout (ignored by a time split with a cut-off).</param>
/// <param name="Seed">Seed of the random split and of the trainer.</param>
/// <param name="TimeCutoff">A time split's cut-off: rows at or after it are held out; null to hold out the latest fraction.</param>
/// <param name="BacktestFolds">Rolling-origin backtest folds over the holdout period; 0 for none.</param>
public sealed record SplitDefinition(SplitStrategy Strategy, double HoldoutFraction, int Seed, DateTime? TimeCutoff = null, int BacktestFolds = 0);
