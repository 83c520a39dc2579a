using PipelineDsl;

namespace LeakageGallery;

[FeatureSet(typeof(Account))]
public static partial class PlanFeatures
{
    [Feature] public static bool IsUnlimited(Account a) => string.Equals(a.PlanName, "unlimited", StringComparison.Ordinal);
}

[Model(typeof(PlanFeatures), Task = MlTask.BinaryClassification, Trainer = Trainer.FastTree)]
public sealed partial class PlanModel;

// PDSL216: "every backtest fold must pass", on a pipeline that declares no backtest.
[Gate(typeof(PlanModel))]
[MinMetric(Metric.Auc, 0.7, WorstFold = true)]
public sealed partial class PlanGates;

[Pipeline("plan-churn", typeof(PlanModel), Split = SplitStrategy.Time)]
public static partial class PlanPipeline;
