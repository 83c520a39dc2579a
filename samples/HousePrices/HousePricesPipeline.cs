using PipelineDsl;

namespace HousePrices;

/// <summary>The Ames house-price pipeline: a random 80/20 split (the data has no timestamp column).</summary>
[Pipeline("ames", typeof(HouseModel), Split = SplitStrategy.Random, HoldoutFraction = 0.2, Seed = 42)]
public static partial class HousePricesPipeline;
