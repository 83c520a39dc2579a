using PipelineDsl;

namespace LeakageGallery;

[FeatureSet(typeof(Sale))]
public static partial class SaleFeatures
{
    [Feature] public static float Area(Sale s) => s.GrLivArea;

    [Feature] public static float Age(Sale s) => 2010 - s.YearBuilt;
}

[Model(typeof(SaleFeatures), Task = MlTask.Regression, Trainer = Trainer.FastTree)]
public sealed partial class SaleModel;

// PDSL215: a gate copied from the churn project: a regression model never produces AUC, so every run fails its gate.
[Gate(typeof(SaleModel))]
[MinMetric(Metric.Auc, 0.85)]
public sealed partial class SaleGates;

[Pipeline("sale-price", typeof(SaleModel), Split = SplitStrategy.Random)]
public static partial class SalePipeline;
