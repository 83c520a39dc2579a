namespace PipelineDsl.Analyzers;

/// <summary>
/// The stable IDs of the leakage (PDSL0xx) and skew (PDSL1xx) diagnostics. Public constants so that a code-fix
/// project can name them in <c>FixableDiagnosticIds</c> without duplicating strings.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>A feature reads the dataset's [Label] member.</summary>
    public const string ReadsLabel = "PDSL001";

    /// <summary>A feature reads a [NotAvailableAtPrediction] member.</summary>
    public const string ReadsNotAvailableAtPrediction = "PDSL002";

    /// <summary>A random or stratified split of a time-stamped or keyed dataset.</summary>
    public const string RandomSplitOfTemporalData = "PDSL003";

    /// <summary>A feature reads a static whose initializer computes over a collection of dataset rows.</summary>
    public const string WholeDatasetStatistic = "PDSL004";

    /// <summary>PDSL006: a feature reads a target statistic (label rates, target encoding) computed over every row.</summary>
    public const string TargetStatistic = "PDSL006";

    /// <summary>PDSL106: a feature depends on the machine's time zone.</summary>
    public const string TimeZoneDependent = "PDSL106";

    /// <summary>PDSL005: a window aggregates a member not available at prediction time, with no lag.</summary>
    public const string WindowOverLateMember = "PDSL005";

    /// <summary>PDSL215: a gate rule names a metric the model's task does not produce.</summary>
    public const string GateMetricNotProduced = "PDSL215";

    /// <summary>PDSL217: a slice or fairness gate over a member the model's dataset does not have.</summary>
    public const string GateMemberNotInDataset = "PDSL217";
    /// <summary>PDSL216: a worst-fold gate rule on a model that no pipeline backtests.</summary>
    public const string WorstFoldWithoutBacktest = "PDSL216";

    /// <summary>A feature uses the clock, randomness, GUIDs, tick counts or string hash codes.</summary>
    public const string NonDeterministic = "PDSL101";

    /// <summary>A feature parses, formats or compares with the current culture.</summary>
    public const string CultureSensitive = "PDSL102";

    /// <summary>A feature reads mutable static state.</summary>
    public const string MutableStaticState = "PDSL103";

    /// <summary>A feature reads files, the network, the environment or configuration.</summary>
    public const string ExternalState = "PDSL104";

    /// <summary>A nullable row member is used with <c>.Value</c> or a cast instead of an explicit default.</summary>
    public const string NullableWithoutDefault = "PDSL105";
}
