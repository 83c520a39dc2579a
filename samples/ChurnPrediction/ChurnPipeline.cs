using PipelineDsl;

namespace ChurnPrediction;

/// <summary>ingest -> validate -> snapshot -> features -> split -> train -> evaluate -> gate -> register.</summary>
[Pipeline("churn", typeof(ChurnModel), Split = SplitStrategy.Stratified, HoldoutFraction = 0.2, Seed = 42)]
public static partial class ChurnPipeline;
