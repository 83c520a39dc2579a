using PipelineDsl.Generators.Helpers;

namespace PipelineDsl.Generators.Model;

/// <summary>A <c>[Monitor]</c> of a <c>[Model]</c> class: what its pipeline's definition carries.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record MonitorSpec
{
    /// <summary>The monitor class, <c>global::</c>-qualified.</summary>
    public required string FullName { get; init; }

    /// <summary>The watched <c>[Model]</c> class, <c>global::</c>-qualified.</summary>
    public required string ModelFullName { get; init; }

    /// <summary>The window as a row count; 0 when it is a duration.</summary>
    public required int WindowRows { get; init; }

    /// <summary>The window as a duration in ticks; 0 when it is a row count.</summary>
    public required long WindowTicks { get; init; }

    public required double MaxPsi { get; init; }

    public required double MinKsPValue { get; init; }

    public required double MaxJensenShannon { get; init; }

    public required double MinChiSquarePValue { get; init; }

    public required double MaxPredictionPsi { get; init; }

    public required double MaxInvalidRate { get; init; }

    public required double MaxStalenessHours { get; init; }

    /// <summary>The <c>Metric</c> member name, e.g. <c>Auc</c> (its number when no member has the value).</summary>
    public required string DecayMetric { get; init; }

    public required double MaxDecay { get; init; }

    public required int MinLabelledRows { get; init; }

    /// <summary>The <c>MonitorAction</c> flags, as their number.</summary>
    public required int OnDrift { get; init; }

    public required int OnQuality { get; init; }

    public required int OnDecay { get; init; }

    /// <summary>Whether a setting is invalid (PDSL222 was reported while parsing): the monitor is then left out of the output.</summary>
    public required bool HasErrors { get; init; }
}

/// <summary>
/// What the joined monitor checks (PDSL221 no pipeline or a second monitor of the model, PDSL222 a decay metric the
/// model's task does not produce) need, with the positions to report at: kept apart from <see cref="MonitorSpec"/> so
/// that moving text does not invalidate the emitted pipeline.
/// </summary>
/// <remarks>Pipeline model: immutable and structurally equal; no symbols, nodes or compilations.</remarks>
/// <param name="FullName">The monitor class, <c>global::</c>-qualified.</param>
/// <param name="Name">The monitor class as written in messages.</param>
/// <param name="ModelFullName">The watched model class, <c>global::</c>-qualified.</param>
/// <param name="ModelName">The model class as written in messages.</param>
/// <param name="DecayMetric">The <c>Metric</c> member name of <c>DecayMetric</c>.</param>
/// <param name="DecayMetricWritten">Whether <c>DecayMetric</c> is written (else it is the default).</param>
/// <param name="Location">The attribute.</param>
/// <param name="DecayMetricLocation">The <c>DecayMetric</c> argument, else the attribute.</param>
internal sealed record MonitorCheckSpec(
    string FullName,
    string Name,
    string ModelFullName,
    string ModelName,
    string DecayMetric,
    bool DecayMetricWritten,
    LocationInfo Location,
    LocationInfo DecayMetricLocation);
