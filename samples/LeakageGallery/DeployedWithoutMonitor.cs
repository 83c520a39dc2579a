using PipelineDsl;

namespace LeakageGallery;

[FeatureSet(typeof(Account))]
public static partial class DataPlanFeatures
{
    [Feature] public static float Minutes(Account a) => a.DayMinutes;

    [Feature] public static float DataGb(Account a) => a.DataUsageGb ?? 0f;
}

[Model(typeof(DataPlanFeatures), Task = MlTask.BinaryClassification, Trainer = Trainer.LightGbm)]
public sealed partial class DataPlanModel;

[Gate(typeof(DataPlanModel))]
[MinMetric(Metric.Auc, 0.75)]
[NoRegression(Metric.Auc, Tolerance = 0.01)]
public sealed partial class DataPlanGates;

[Pipeline("data-plan-churn", typeof(DataPlanModel), Split = SplitStrategy.Time)]
public static partial class DataPlanPipeline;

// PDSL223: gated and rolled out with care, then left alone: no [Monitor] watches the traffic it serves, so when data
// usage habits shift (a new unlimited plan, a broken upstream feed) nothing notices the drift or the falling AUC.
[Deployment(typeof(DataPlanModel), Rollout = RolloutStrategy.Canary, CanarySteps = new[] { 10, 50, 100 })]
public sealed class DataPlanCanary;
