using System;

namespace PipelineDsl;

/// <summary>
/// Declares how a model is served: the rollout strategy for new versions and the thresholds that decide an automatic
/// rollback. <c>serve</c> runs it; the production version comes from the registry, the challenger is the version in
/// the <c>staging</c> stage.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class DeploymentAttribute : Attribute
{
    /// <summary>Creates the declaration.</summary>
    /// <param name="model">A class marked with <see cref="ModelAttribute"/>.</param>
    public DeploymentAttribute(Type model) => Model = model;

    /// <summary>The served model.</summary>
    public Type Model { get; }

    /// <summary>The deployment's name (default: the class name).</summary>
    public string? Name { get; set; }

    /// <summary>How a challenger reaches traffic.</summary>
    public RolloutStrategy Rollout { get; set; } = RolloutStrategy.Direct;

    /// <summary>Canary: the challenger's share of traffic at each step, in percent, increasing, ending at 100.</summary>
    public int[] CanarySteps { get; set; } = { 10, 50, 100 };

    /// <summary>Canary: the length of one evaluation window (and of one step), in seconds.</summary>
    public int EvaluationSeconds { get; set; } = 60;

    /// <summary>Canary: requests the challenger must have answered in a window before the window is judged.</summary>
    public int MinRequestsPerWindow { get; set; } = 50;

    /// <summary>Canary: the highest error rate of the challenger in a window (failed predictions / predictions).</summary>
    public double MaxErrorRate { get; set; } = 0.01;

    /// <summary>Canary: the highest p99 latency of the challenger's predictions in a window, in milliseconds.</summary>
    public double MaxP99LatencyMs { get; set; } = 50;

    /// <summary>Canary: the highest population stability index between the challenger's and the champion's scores in a window.</summary>
    public double MaxPredictionShift { get; set; } = 0.25;

    /// <summary>A/B: the challenger's share of entities, in percent.</summary>
    public int ChallengerPercent { get; set; } = 50;

    /// <summary>A/B: the dataset member whose value assigns an arm (default: the dataset's key).</summary>
    public string? AssignmentMember { get; set; }
}
