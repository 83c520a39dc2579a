using PipelineDsl;

namespace LeakageGallery;

[FeatureSet(typeof(Account))]
public static partial class UsageFeatures
{
    [Feature] public static float Minutes(Account a) => a.DayMinutes;

    [Feature] public static float Calls(Account a) => a.ServiceCalls;
}

[Model(typeof(UsageFeatures), Task = MlTask.BinaryClassification, Trainer = Trainer.LightGbm)]
public sealed partial class UsageModel;

// PDSL003: monthly snapshots of the same accounts, shuffled: next month's rows train the model scored on this month.
[Pipeline("usage-churn", typeof(UsageModel), Split = SplitStrategy.Stratified)]
public static partial class UsagePipeline;
