using System;

namespace PipelineDsl;

/// <summary>
/// Declares how a model is watched in production: the window the prediction log is cut into, the data-quality, drift
/// and decay thresholds, and what happens when one is crossed. <c>monitor</c> applies it to the prediction log (or a
/// batch file), <c>watch</c> runs it continuously and retrains when told to.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class MonitorAttribute : Attribute
{
    /// <summary>Creates the declaration.</summary>
    /// <param name="model">A class marked with <see cref="ModelAttribute"/>.</param>
    public MonitorAttribute(Type model) => Model = model;

    /// <summary>The watched model.</summary>
    public Type Model { get; }

    /// <summary>The tumbling window: a row count (<c>"1000 rows"</c>) or a duration (<c>"1 hour"</c>, <c>"30 minutes"</c>, <c>"1 day"</c>).</summary>
    public string Window { get; set; } = "1000 rows";

    /// <summary>A feature drifts when its population stability index against the training profile is above this.</summary>
    public double MaxPsi { get; set; } = 0.2;

    /// <summary>A numeric feature drifts when the two-sample Kolmogorov-Smirnov p-value is below this (0 turns the rule off).</summary>
    public double MinKsPValue { get; set; } = 1e-4;

    /// <summary>A feature drifts when the Jensen-Shannon distance (base 2) is above this (1 turns the rule off).</summary>
    public double MaxJensenShannon { get; set; } = 0.2;

    /// <summary>A categorical feature drifts when the chi-square p-value is below this (0 turns the rule off).</summary>
    public double MinChiSquarePValue { get; set; } = 1e-4;

    /// <summary>The prediction drifts when its PSI against the holdout predictions is above this.</summary>
    public double MaxPredictionPsi { get; set; } = 0.2;

    /// <summary>Data quality: the highest share of rows in a window that may break a schema rule or miss a value.</summary>
    public double MaxInvalidRate { get; set; } = 0.01;

    /// <summary>Data quality: the latest row of a window may be at most this many hours old (0 turns the rule off).</summary>
    public double MaxStalenessHours { get; set; }

    /// <summary>Decay: the metric compared with the version's holdout value once delayed labels arrive.</summary>
    public Metric DecayMetric { get; set; } = Metric.Auc;

    /// <summary>Decay: how far the live metric may fall below the holdout value (absolute).</summary>
    public double MaxDecay { get; set; } = 0.05;

    /// <summary>Decay: the labelled rows a window needs before its live metric is judged.</summary>
    public int MinLabelledRows { get; set; } = 200;

    /// <summary>What a drifted feature or prediction does.</summary>
    public MonitorAction OnDrift { get; set; } = MonitorAction.Alert;

    /// <summary>What a data-quality failure does.</summary>
    public MonitorAction OnQuality { get; set; } = MonitorAction.Alert;

    /// <summary>What performance decay does.</summary>
    public MonitorAction OnDecay { get; set; } = MonitorAction.Retrain;
}
