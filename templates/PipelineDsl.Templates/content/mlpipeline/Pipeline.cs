using PipelineDsl;

namespace MlPipeline1;

#if (binary)
/// <summary>ingest -> validate -> snapshot -> features -> split -> train -> evaluate -> gate -> register.</summary>
[Pipeline("churn", typeof(ChurnModel), Split = SplitStrategy.Stratified, HoldoutFraction = 0.2, Seed = 42)]
public static partial class ChurnPipeline;
#else
/// <summary>ingest -> validate -> snapshot -> features -> split -> train -> evaluate -> gate -> register.</summary>
[Pipeline("house-prices", typeof(HouseModel), Split = SplitStrategy.Random, HoldoutFraction = 0.2, Seed = 42)]
public static partial class HousePricesPipeline;
#endif
