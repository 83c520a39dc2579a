using Microsoft.CodeAnalysis;

namespace PipelineDsl.Analyzers;

/// <summary>
/// The leakage and skew diagnostics. Every message names the feature first; <c>{2}</c> (or the last argument) is
/// either empty or <c>" through Helper() -> Inner()"</c>, the chain of the user's own calls that leads to the problem.
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>The category of PDSL0xx: the model sees information it will not have at prediction time.</summary>
    public const string LeakageCategory = "PipelineDsl.Leakage";

    /// <summary>The category of PDSL1xx: a feature can compute differently in training and in serving.</summary>
    public const string SkewCategory = "PipelineDsl.Skew";

    /// <summary>The category of the pipeline rules the analyzers add to the generator's PDSL2xx.</summary>
    public const string PipelineCategory = "PipelineDsl.Pipeline";

    private const string HelpLinkFormat = "https://github.com/pipelinedsl/pipelinedsl/blob/main/docs/diagnostics/{0}.md";

    /// <summary>PDSL001: "Feature '{0}' reads the label '{1}'{2}".</summary>
    public static readonly DiagnosticDescriptor ReadsLabel = Create(
        DiagnosticIds.ReadsLabel,
        LeakageCategory,
        "Feature reads the label",
        "Feature '{0}' reads the label '{1}'{2}",
        "A feature that reads the training target gives the model the answer during training; at prediction time the label does not exist, so the model fails in production.");

    /// <summary>PDSL002: "Feature '{0}' reads '{1}', which is not available at prediction time{2}".</summary>
    public static readonly DiagnosticDescriptor ReadsNotAvailableAtPrediction = Create(
        DiagnosticIds.ReadsNotAvailableAtPrediction,
        LeakageCategory,
        "Feature reads a member not available at prediction time",
        "Feature '{0}' reads '{1}', which is not available at prediction time{2}",
        "Members marked [NotAvailableAtPrediction] are only known after the event being predicted; a feature built on them looks excellent offline and is useless online.");

    /// <summary>PDSL003: "Pipeline '{0}' uses a {1} split, but dataset '{2}' has {3}; use Split = SplitStrategy.Time".</summary>
    public static readonly DiagnosticDescriptor RandomSplitOfTemporalData = Create(
        DiagnosticIds.RandomSplitOfTemporalData,
        LeakageCategory,
        "Random split of a time-stamped or keyed dataset",
        "Pipeline '{0}' uses a {1} split, but dataset '{2}' has {3}; use Split = SplitStrategy.Time",
        "A random split of time-stamped rows trains on the future and evaluates on the past; a random split of keyed rows puts the same entity on both sides. Either way the holdout metrics are optimistic.");

    /// <summary>PDSL004: "Feature '{0}' reads '{1}', which is computed over every '{2}' row, including the evaluation split{3}".</summary>
    public static readonly DiagnosticDescriptor WholeDatasetStatistic = Create(
        DiagnosticIds.WholeDatasetStatistic,
        LeakageCategory,
        "Feature reads a statistic computed over the whole dataset",
        "Feature '{0}' reads '{1}', which is computed over every '{2}' row, including the evaluation split{3}",
        "A static initializer that aggregates the dataset's rows (mean, min/max, target encoding, vocabulary) sees the evaluation split, so the holdout metrics no longer measure generalisation.");

    /// <summary>PDSL101: "Feature '{0}' is not deterministic: it uses '{1}'{2}".</summary>
    public static readonly DiagnosticDescriptor NonDeterministic = Create(
        DiagnosticIds.NonDeterministic,
        SkewCategory,
        "Non-deterministic feature",
        "Feature '{0}' is not deterministic: it uses '{1}'{2}",
        "The clock, random numbers, GUIDs, tick counts and string hash codes give different values in training and serving (string hash codes even differ between processes), so the model is scored on inputs it never saw.");

    /// <summary>PDSL102: "Feature '{0}' calls culture-sensitive '{1}'{2}".</summary>
    public static readonly DiagnosticDescriptor CultureSensitive = Create(
        DiagnosticIds.CultureSensitive,
        SkewCategory,
        "Culture-sensitive parse, format or comparison in a feature",
        "Feature '{0}' calls culture-sensitive '{1}'{2}",
        "Parsing, formatting, comparing and case-mapping with the current culture give different results on a training machine and a serving container with different locales; pass CultureInfo.InvariantCulture or a StringComparison.");

    /// <summary>PDSL103: "Feature '{0}' reads mutable static state '{1}'{2}".</summary>
    public static readonly DiagnosticDescriptor MutableStaticState = Create(
        DiagnosticIds.MutableStaticState,
        SkewCategory,
        "Feature reads mutable static state",
        "Feature '{0}' reads mutable static state '{1}'{2}",
        "A feature that reads a static that can change depends on what ran before it in the process, which differs between batch training and online serving.");

    /// <summary>PDSL104: "Feature '{0}' depends on I/O, environment or configuration through '{1}'{2}".</summary>
    public static readonly DiagnosticDescriptor ExternalState = Create(
        DiagnosticIds.ExternalState,
        SkewCategory,
        "Feature depends on I/O, network, environment or configuration",
        "Feature '{0}' depends on I/O, environment or configuration through '{1}'{2}",
        "Files, the network, environment variables and configuration differ between the training machine and the serving host; pass such data in as a dataset or an as-of join instead.");

    /// <summary>PDSL105: "Feature '{0}' uses nullable '{1}' without an explicit default{2}".</summary>
    public static readonly DiagnosticDescriptor NullableWithoutDefault = Create(
        DiagnosticIds.NullableWithoutDefault,
        SkewCategory,
        "Nullable row member used without an explicit default",
        "Feature '{0}' uses nullable '{1}' without an explicit default{2}",
        "Training data is often complete while serving requests are not; '.Value' or a cast of a missing value throws at prediction time. Use '?? default' or GetValueOrDefault(default) so both paths agree.");

    /// <summary>PDSL006: "Feature '{0}' reads '{1}', a target statistic computed from the label of every '{2}' row, including the evaluation split{3}".</summary>
    public static readonly DiagnosticDescriptor TargetStatistic = Create(
        DiagnosticIds.TargetStatistic,
        LeakageCategory,
        "Feature reads a target statistic computed over the whole dataset",
        "Feature '{0}' reads '{1}', a target statistic computed from the label of every '{2}' row, including the evaluation split{3}",
        "Target encoding (the label's mean per category) computed over all rows hands each row its own label, in part, and the evaluation split's labels; fit it out of fold on the training split only.");

    /// <summary>PDSL106: "Feature '{0}' depends on the machine's time zone through '{1}'{2}".</summary>
    public static readonly DiagnosticDescriptor TimeZoneDependent = Create(
        DiagnosticIds.TimeZoneDependent,
        SkewCategory,
        "Feature depends on the machine's time zone",
        "Feature '{0}' depends on the machine's time zone through '{1}'{2}",
        "ToLocalTime, ToUniversalTime and TimeZoneInfo.Local read the time zone of whichever machine runs the feature; the training cluster and the serving pods rarely share one.");

    /// <summary>PDSL005: "Window '{0}' aggregates '{1}', which is not available at prediction time, with no Lag".</summary>
    public static readonly DiagnosticDescriptor WindowOverLateMember = Create(
        DiagnosticIds.WindowOverLateMember,
        LeakageCategory,
        "Window over a member not available at prediction time, with no lag",
        "Window '{0}' aggregates '{1}', which is not available at prediction time, with no Lag; declare how late it is known (Lag = \"...\")",
        "A [NotAvailableAtPrediction] value of an earlier row may still be unknown when the next row is predicted; without a lag the window uses values training had and serving does not.");

    /// <summary>PDSL215: "Gate '{0}' requires {1}, which a {2} model does not produce (it produces {3})".</summary>
    public static readonly DiagnosticDescriptor GateMetricNotProduced = Create(
        DiagnosticIds.GateMetricNotProduced,
        PipelineCategory,
        "Gate metric the model's task cannot produce",
        "Gate '{0}' requires {1}, which a {2} model does not produce (it produces {3})",
        "A rule on a metric the evaluation never computes can never pass: every run fails its gate, and no version is ever registered.");

    /// <summary>PDSL217: "Gate '{0}' groups the holdout by '{1}', which is not a member of dataset row '{2}'".</summary>
    public static readonly DiagnosticDescriptor GateMemberNotInDataset = Create(
        DiagnosticIds.GateMemberNotInDataset,
        PipelineCategory,
        "Slice or fairness gate over a member the dataset does not have",
        "Gate '{0}' groups the holdout by '{1}', which is not a member of dataset row '{2}'",
        "A slice or fairness rule over a member the rows do not have measures nothing: the gate fails every run, and the slices nobody can see are the ones that degrade.");

    /// <summary>PDSL216: "Gate '{0}' requires the worst backtest fold, but no pipeline of model '{1}' declares BacktestFolds".</summary>
    /// <remarks>Reported at the end of the compilation (every pipeline must have been seen), hence the CompilationEnd tag.</remarks>
    public static readonly DiagnosticDescriptor WorstFoldWithoutBacktest = new(
        DiagnosticIds.WorstFoldWithoutBacktest,
        "Worst-fold gate rule without a backtest",
        "Gate '{0}' requires the worst backtest fold, but no pipeline of model '{1}' declares BacktestFolds",
        PipelineCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "A WorstFold rule reads the backtest's folds; a pipeline without BacktestFolds has none, so the rule fails every run.",
        string.Format(System.Globalization.CultureInfo.InvariantCulture, HelpLinkFormat, DiagnosticIds.WorstFoldWithoutBacktest),
        WellKnownDiagnosticTags.CompilationEnd);

    private static DiagnosticDescriptor Create(string id, string category, string title, string message, string description) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description, string.Format(System.Globalization.CultureInfo.InvariantCulture, HelpLinkFormat, id));
}
