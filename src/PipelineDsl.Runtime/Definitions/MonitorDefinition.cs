namespace PipelineDsl.Runtime;

/// <summary>A <see cref="MonitorAttribute"/> as the generator read it (see the attribute for each rule).</summary>
/// <param name="WindowRows">The tumbling window as a row count; 0 when it is a duration.</param>
/// <param name="WindowDuration">The tumbling window as a duration; <see cref="TimeSpan.Zero"/> when it is a row count.</param>
/// <param name="MaxPsi">Highest PSI of a feature.</param>
/// <param name="MinKsPValue">Lowest Kolmogorov-Smirnov p-value of a numeric feature (0: off).</param>
/// <param name="MaxJensenShannon">Highest Jensen-Shannon distance of a feature (1: off).</param>
/// <param name="MinChiSquarePValue">Lowest chi-square p-value of a categorical feature (0: off).</param>
/// <param name="MaxPredictionPsi">Highest PSI of the prediction against the holdout predictions.</param>
/// <param name="MaxInvalidRate">Highest share of rows breaking a schema rule or missing a value.</param>
/// <param name="MaxStalenessHours">Oldest the latest row of a window may be, in hours (0: off).</param>
/// <param name="DecayMetric">The metric compared with the holdout value once labels arrive.</param>
/// <param name="MaxDecay">How far the live metric may fall below the holdout value.</param>
/// <param name="MinLabelledRows">Labelled rows a window needs before its live metric is judged.</param>
/// <param name="OnDrift">What drift does.</param>
/// <param name="OnQuality">What a data-quality failure does.</param>
/// <param name="OnDecay">What decay does.</param>
public sealed record MonitorDefinition(
    int WindowRows,
    TimeSpan WindowDuration,
    double MaxPsi,
    double MinKsPValue,
    double MaxJensenShannon,
    double MinChiSquarePValue,
    double MaxPredictionPsi,
    double MaxInvalidRate,
    double MaxStalenessHours,
    Metric DecayMetric,
    double MaxDecay,
    int MinLabelledRows,
    MonitorAction OnDrift,
    MonitorAction OnQuality,
    MonitorAction OnDecay)
{
    /// <summary>The monitor of a pipeline that declares none: the attribute's defaults.</summary>
    public static MonitorDefinition Default { get; } = new(
        1000, TimeSpan.Zero, 0.2, 1e-4, 0.2, 1e-4, 0.2, 0.01, 0, Metric.Auc, 0.05, 200, MonitorAction.Alert, MonitorAction.Alert, MonitorAction.Retrain);
}
