using Microsoft.CodeAnalysis;

namespace PipelineDsl.Generators.Diagnostics;

/// <summary>The diagnostics the pipeline generator reports (family PDSL2xx: pipeline declarations).</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>The category of every generator diagnostic.</summary>
    public const string Category = "PipelineDsl.Pipeline";

    private const string HelpLinkFormat = "https://github.com/pipelinedsl/pipelinedsl/blob/main/docs/diagnostics/{0}.md";

    /// <summary>PDSL201: "Feature set '{0}' uses dataset type '{1}', which is not marked [Dataset]".</summary>
    public static readonly DiagnosticDescriptor DatasetTypeNotMarked = Error(
        "PDSL201",
        "Feature set dataset type is not a [Dataset]",
        "Feature set '{0}' uses dataset type '{1}', which is not marked [Dataset]");

    /// <summary>PDSL202: "Model '{0}' uses feature set type '{1}', which is not marked [FeatureSet]".</summary>
    public static readonly DiagnosticDescriptor FeatureSetTypeNotMarked = Error(
        "PDSL202",
        "Model feature set type is not a [FeatureSet]",
        "Model '{0}' uses feature set type '{1}', which is not marked [FeatureSet]");

    /// <summary>PDSL203: "{0} '{1}' uses model type '{2}', which is not marked [Model]".</summary>
    public static readonly DiagnosticDescriptor ModelTypeNotMarked = Error(
        "PDSL203",
        "Gate or pipeline model type is not a [Model]",
        "{0} '{1}' uses model type '{2}', which is not marked [Model]");

    /// <summary>PDSL204: "Feature method '{0}' has an invalid signature: {1}".</summary>
    public static readonly DiagnosticDescriptor InvalidFeatureSignature = Error(
        "PDSL204",
        "Invalid feature method signature",
        "Feature method '{0}' has an invalid signature: {1}");

    /// <summary>PDSL205: "{0} '{1}' must be declared as a top-level {2}".</summary>
    public static readonly DiagnosticDescriptor InvalidDeclaration = Error(
        "PDSL205",
        "Declaration must be a top-level partial type",
        "{0} '{1}' must be declared as a top-level {2}");

    /// <summary>PDSL206: "Dataset '{0}' declares {1} [Label] members; a dataset has at most one".</summary>
    public static readonly DiagnosticDescriptor LabelCount = Error(
        "PDSL206",
        "Dataset must declare at most one [Label] member",
        "Dataset '{0}' declares {1} [Label] members; a dataset has at most one");

    /// <summary>PDSL207: "Model '{0}' has task {1}, but the label '{2}' of its dataset has type '{3}'; {1} needs {4}".</summary>
    public static readonly DiagnosticDescriptor LabelTaskMismatch = Error(
        "PDSL207",
        "Label type does not fit the model task",
        "Model '{0}' has task {1}, but the label '{2}' of its dataset has type '{3}'; {1} needs {4}");

    /// <summary>PDSL208: "Dataset member '{0}' {1}".</summary>
    public static readonly DiagnosticDescriptor UnsupportedMember = Error(
        "PDSL208",
        "Unsupported dataset member",
        "Dataset member '{0}' {1}");

    /// <summary>PDSL209: "Dataset '{0}' names timestamp member '{1}', which {2}".</summary>
    public static readonly DiagnosticDescriptor InvalidTimestamp = Error(
        "PDSL209",
        "Invalid dataset timestamp member",
        "Dataset '{0}' names timestamp member '{1}', which {2}");

    /// <summary>PDSL210 (warning): "Feature set '{0}' declares no [Feature] method".</summary>
    public static readonly DiagnosticDescriptor NoFeatures = new(
        id: "PDSL210",
        title: "Feature set declares no features",
        messageFormat: "Feature set '{0}' declares no [Feature] method",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: string.Format(System.Globalization.CultureInfo.InvariantCulture, HelpLinkFormat, "PDSL210"));

    /// <summary>PDSL211: "Hyperparameter '{0}' {1}".</summary>
    public static readonly DiagnosticDescriptor UnsupportedHyperparameter = Error(
        "PDSL211",
        "Unsupported hyperparameter",
        "Hyperparameter '{0}' {1}");

    /// <summary>PDSL212: "Window '{0}' of feature set '{1}' is invalid: {2}".</summary>
    public static readonly DiagnosticDescriptor InvalidWindow = Error(
        "PDSL212",
        "Invalid window feature",
        "Window '{0}' of feature set '{1}' is invalid: {2}");

    /// <summary>PDSL213: "As-of join of '{0}' in feature set '{1}' is invalid: {2}".</summary>
    public static readonly DiagnosticDescriptor InvalidAsOfJoin = Error(
        "PDSL213",
        "Invalid as-of join",
        "As-of join of '{0}' in feature set '{1}' is invalid: {2}");

    /// <summary>PDSL214: "Pipeline '{0}' has an invalid time-aware evaluation: {1}".</summary>
    public static readonly DiagnosticDescriptor InvalidTimeEvaluation = Error(
        "PDSL214",
        "Invalid time split or backtest",
        "Pipeline '{0}' has an invalid time-aware evaluation: {1}");

    /// <summary>PDSL218: "Deployment '{0}' serves '{1}', which {2}".</summary>
    public static readonly DiagnosticDescriptor DeploymentModelNotServed = Error(
        "PDSL218",
        "Deployed type is not a model that a pipeline trains",
        "Deployment '{0}' serves '{1}', which {2}");

    /// <summary>PDSL219: "Deployment '{0}' has an invalid rollout setting: {1}".</summary>
    public static readonly DiagnosticDescriptor InvalidDeployment = Error(
        "PDSL219",
        "Invalid deployment rollout settings",
        "Deployment '{0}' has an invalid rollout setting: {1}");

    /// <summary>PDSL220 (warning): "Deployment '{0}' serves model '{1}', which has no [Gate]: its versions reach traffic with no promotion rules".</summary>
    public static readonly DiagnosticDescriptor DeploymentWithoutGate = new(
        id: "PDSL220",
        title: "Deployed model has no gate",
        messageFormat: "Deployment '{0}' serves model '{1}', which has no [Gate]: its versions reach traffic with no promotion rules",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: string.Format(System.Globalization.CultureInfo.InvariantCulture, HelpLinkFormat, "PDSL220"));

    /// <summary>PDSL221: "Monitor '{0}' watches '{1}', which {2}".</summary>
    public static readonly DiagnosticDescriptor MonitorModelNotTrained = Error(
        "PDSL221",
        "Monitored type is not a model that a pipeline trains, or has another monitor",
        "Monitor '{0}' watches '{1}', which {2}");

    /// <summary>PDSL222: "Monitor '{0}' has an invalid setting: {1}".</summary>
    public static readonly DiagnosticDescriptor InvalidMonitor = Error(
        "PDSL222",
        "Invalid monitor settings",
        "Monitor '{0}' has an invalid setting: {1}");

    /// <summary>PDSL223 (warning): "Deployment '{0}' serves model '{1}', which has no [Monitor]: nobody watches its traffic for drift, data-quality failures or decay".</summary>
    public static readonly DiagnosticDescriptor DeploymentWithoutMonitor = new(
        id: "PDSL223",
        title: "Deployed model has no monitor",
        messageFormat: "Deployment '{0}' serves model '{1}', which has no [Monitor]: nobody watches its traffic for drift, data-quality failures or decay",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: string.Format(System.Globalization.CultureInfo.InvariantCulture, HelpLinkFormat, "PDSL223"));

    /// <summary>Finds a descriptor by ID (for diagnostics that travel as <c>DiagnosticInfo</c>).</summary>
    public static DiagnosticDescriptor? ById(string id) => id switch
    {
        "PDSL201" => DatasetTypeNotMarked,
        "PDSL202" => FeatureSetTypeNotMarked,
        "PDSL203" => ModelTypeNotMarked,
        "PDSL204" => InvalidFeatureSignature,
        "PDSL205" => InvalidDeclaration,
        "PDSL206" => LabelCount,
        "PDSL207" => LabelTaskMismatch,
        "PDSL208" => UnsupportedMember,
        "PDSL209" => InvalidTimestamp,
        "PDSL210" => NoFeatures,
        "PDSL211" => UnsupportedHyperparameter,
        "PDSL212" => InvalidWindow,
        "PDSL213" => InvalidAsOfJoin,
        "PDSL214" => InvalidTimeEvaluation,
        "PDSL218" => DeploymentModelNotServed,
        "PDSL219" => InvalidDeployment,
        "PDSL220" => DeploymentWithoutGate,
        "PDSL221" => MonitorModelNotTrained,
        "PDSL222" => InvalidMonitor,
        "PDSL223" => DeploymentWithoutMonitor,
        _ => null,
    };

    private static DiagnosticDescriptor Error(string id, string title, string message) => new(
        id: id,
        title: title,
        messageFormat: message,
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: string.Format(System.Globalization.CultureInfo.InvariantCulture, HelpLinkFormat, id));
}
