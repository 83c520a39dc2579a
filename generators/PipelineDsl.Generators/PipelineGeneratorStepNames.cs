namespace PipelineDsl.Generators;

/// <summary>Tracking names of the generator's incremental steps, for step-state tests.</summary>
internal static class PipelineGeneratorStepNames
{
    public const string Datasets = nameof(Datasets);
    public const string DatasetSpecs = nameof(DatasetSpecs);
    public const string DatasetCollection = nameof(DatasetCollection);
    public const string FeatureSets = nameof(FeatureSets);
    public const string FeatureSetSpecs = nameof(FeatureSetSpecs);
    public const string FeatureSetCollection = nameof(FeatureSetCollection);
    public const string FeatureSetOutputs = nameof(FeatureSetOutputs);
    public const string Models = nameof(Models);
    public const string ModelSpecs = nameof(ModelSpecs);
    public const string ModelCollection = nameof(ModelCollection);
    public const string ModelChecks = nameof(ModelChecks);
    public const string LabelTaskDiagnostics = nameof(LabelTaskDiagnostics);
    public const string FeatureSetChecks = nameof(FeatureSetChecks);
    public const string TemporalDiagnostics = nameof(TemporalDiagnostics);
    public const string Gates = nameof(Gates);
    public const string GateSpecs = nameof(GateSpecs);
    public const string GateCollection = nameof(GateCollection);
    public const string Pipelines = nameof(Pipelines);
    public const string PipelineSpecs = nameof(PipelineSpecs);
    public const string PipelineCollection = nameof(PipelineCollection);
    public const string PipelineOutputs = nameof(PipelineOutputs);
    public const string PipelineChecks = nameof(PipelineChecks);
    public const string PipelineDiagnostics = nameof(PipelineDiagnostics);
    public const string PipelineRegistry = nameof(PipelineRegistry);
    public const string Deployments = nameof(Deployments);
    public const string DeploymentSpecs = nameof(DeploymentSpecs);
    public const string DeploymentCollection = nameof(DeploymentCollection);
    public const string DeploymentChecks = nameof(DeploymentChecks);
    public const string DeploymentDiagnostics = nameof(DeploymentDiagnostics);
    public const string Monitors = nameof(Monitors);
    public const string MonitorSpecs = nameof(MonitorSpecs);
    public const string MonitorCollection = nameof(MonitorCollection);
    public const string MonitoredModels = nameof(MonitoredModels);
    public const string MonitorChecks = nameof(MonitorChecks);
    public const string MonitorDiagnostics = nameof(MonitorDiagnostics);
}
