using PipelineDsl;

namespace LeakageGallery;

[FeatureSet(typeof(Account))]
public static partial class CallFeatures
{
    [Feature] public static float Calls(Account a) => a.ServiceCalls;
}

[Model(typeof(CallFeatures), Task = MlTask.BinaryClassification, Trainer = Trainer.LightGbm)]
public sealed partial class CallModel;

[Pipeline("call-churn", typeof(CallModel), Split = SplitStrategy.Time)]
public static partial class CallPipeline;

// PDSL220: a canary rollout of a model that no [Gate] guards: every version it trains goes in front of customers.
[Deployment(typeof(CallModel), Rollout = RolloutStrategy.Canary, CanarySteps = new[] { 5, 50, 100 })]
public sealed class CallCanary;

// Watched in production (so that this file shows PDSL220 alone; DeployedWithoutMonitor.cs shows PDSL223).
[Monitor(typeof(CallModel), Window = "1 day", DecayMetric = Metric.Auc, OnDecay = MonitorAction.Alert)]
public sealed class CallMonitor;
