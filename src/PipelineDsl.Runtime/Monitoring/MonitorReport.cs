namespace PipelineDsl.Runtime.Monitoring;

/// <summary>One column's comparison with the training profile in one window.</summary>
/// <param name="Name">Feature name, or <c>prediction</c>.</param>
/// <param name="Kind">Numeric (PSI, KS, JS, Wasserstein) or categorical (chi-square, PSI, JS over the categories).</param>
/// <param name="Rows">Finite values in the window.</param>
/// <param name="Psi">Population stability index.</param>
/// <param name="KsStatistic">Two-sample Kolmogorov-Smirnov D (numeric).</param>
/// <param name="KsPValue">Its p-value (numeric).</param>
/// <param name="JensenShannon">Jensen-Shannon distance, base 2.</param>
/// <param name="Wasserstein">Earth mover's distance, in the feature's units (numeric).</param>
/// <param name="ChiSquare">Chi-square statistic against the reference proportions (categorical).</param>
/// <param name="ChiSquarePValue">Its p-value (categorical).</param>
/// <param name="Mean">The window's mean.</param>
/// <param name="Drifted">Whether a declared threshold was crossed.</param>
/// <param name="Reasons">Which thresholds, with the numbers.</param>
/// <param name="Sketch">The window's sorted values (at most the sketch size), for the report's plots.</param>
public sealed record ColumnDrift(
    string Name,
    ColumnKind Kind,
    long Rows,
    double Psi,
    double? KsStatistic,
    double? KsPValue,
    double JensenShannon,
    double? Wasserstein,
    double? ChiSquare,
    double? ChiSquarePValue,
    double Mean,
    bool Drifted,
    IReadOnlyList<DriftBreach> Reasons,
    double[] Sketch);

/// <summary>One drift threshold a column crossed.</summary>
/// <param name="Rule"><c>psi</c>, <c>ks_p_value</c>, <c>js_distance</c> or <c>chi_square_p_value</c>.</param>
/// <param name="Value">The measured value.</param>
/// <param name="Threshold">The declared threshold.</param>
/// <param name="Text">The breach in words, with the numbers.</param>
public sealed record DriftBreach(string Rule, double Value, double Threshold, string Text);

/// <summary>Data quality of one window.</summary>
/// <param name="Rows">Rows in the window.</param>
/// <param name="InvalidRows">Rows that broke a schema rule or missed a value (and so were not scored).</param>
/// <param name="InvalidRate">Their share.</param>
/// <param name="MissingByFeature">Missing (non-finite) values per feature among scored rows.</param>
/// <param name="Latest">The latest timestamp in the window.</param>
/// <param name="StalenessHours">How old the latest row is, in hours, when timestamps are known.</param>
public sealed record QualityReport(long Rows, long InvalidRows, double InvalidRate, IReadOnlyDictionary<string, long> MissingByFeature, DateTime? Latest, double? StalenessHours);

/// <summary>The live metric of one window, once labels arrived, against the version's holdout value.</summary>
public sealed record DecayReport(string Metric, long LabelledRows, double? Live, double? Holdout, bool Decayed);

/// <summary>A threshold that was crossed: what, where, by how much, and what it triggers.</summary>
/// <param name="Kind"><c>drift</c>, <c>prediction-drift</c>, <c>quality</c> or <c>decay</c>.</param>
/// <param name="Window">The window's number (from 1).</param>
/// <param name="WindowStart">Its first timestamp, when known.</param>
/// <param name="WindowEnd">Its last timestamp, when known.</param>
/// <param name="Subject">The feature, <c>prediction</c>, <c>rows</c> or the metric.</param>
/// <param name="Rule">The rule, e.g. <c>psi</c>, <c>ks_p_value</c>, <c>invalid_rate</c>, <c>auc</c>.</param>
/// <param name="Value">The measured value.</param>
/// <param name="Threshold">The declared threshold.</param>
/// <param name="Action">What the declaration says to do.</param>
/// <param name="Message">One line for people.</param>
public sealed record MonitorAlert(
    string Kind, int Window, DateTime? WindowStart, DateTime? WindowEnd, string Subject, string Rule, double Value, double Threshold, MonitorAction Action, string Message);

/// <summary>One tumbling window: quality, drift per feature and of the prediction, decay, and the alerts it raised.</summary>
public sealed record MonitorWindow(
    int Number,
    DateTime? Start,
    DateTime? End,
    long Rows,
    QualityReport Quality,
    IReadOnlyList<ColumnDrift> Features,
    ColumnDrift Prediction,
    DecayReport? Decay,
    IReadOnlyList<MonitorAlert> Alerts);

/// <summary>
/// What <c>monitor</c> found: every window, the alerts in order, and the skew check (the whole period's serving feature
/// distribution against the training profile: both sides ran the same generated feature code, so a divergence there
/// means the input data differs, not the code).
/// </summary>
public sealed record MonitorReport(
    string Pipeline,
    int Version,
    string Source,
    IReadOnlyList<MonitorWindow> Windows,
    IReadOnlyList<ColumnDrift> Skew,
    IReadOnlyList<MonitorAlert> Alerts)
{
    /// <summary>The strongest action any alert asks for.</summary>
    public MonitorAction Actions => Alerts.Aggregate(MonitorAction.None, (all, a) => all | a.Action);
}
