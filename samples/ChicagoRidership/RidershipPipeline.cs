using PipelineDsl;

namespace ChicagoRidership;

/// <summary>
/// Time split at 2014-01-01 (train on 2001-2013, hold out 2014 to August 2016) and a rolling-origin backtest: the
/// holdout period in four consecutive windows, each predicted by a model trained on everything before it.
/// </summary>
[Pipeline("chicago-ridership", typeof(RidershipModel), Split = SplitStrategy.Time, TimeCutoff = "2014-01-01", BacktestFolds = 4, Seed = 42)]
public static partial class RidershipPipeline;
