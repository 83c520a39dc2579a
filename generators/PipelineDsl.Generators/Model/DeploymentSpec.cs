using PipelineDsl.Generators.Helpers;

namespace PipelineDsl.Generators.Model;

/// <summary>A <c>[Deployment]</c> of a <c>[Model]</c> class: what its pipeline's definition carries.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record DeploymentSpec
{
    /// <summary>The deployment class, <c>global::</c>-qualified.</summary>
    public required string FullName { get; init; }

    /// <summary>The deployment's name: <c>Name</c>, else the class name.</summary>
    public required string Name { get; init; }

    /// <summary>The served <c>[Model]</c> class, <c>global::</c>-qualified.</summary>
    public required string ModelFullName { get; init; }

    /// <summary>The <c>RolloutStrategy</c> member name, e.g. <c>Canary</c>.</summary>
    public required string Rollout { get; init; }

    public required EquatableArray<int> CanarySteps { get; init; }

    public required int EvaluationSeconds { get; init; }

    public required int MinRequestsPerWindow { get; init; }

    public required double MaxErrorRate { get; init; }

    public required double MaxP99LatencyMs { get; init; }

    public required double MaxPredictionShift { get; init; }

    public required int ChallengerPercent { get; init; }

    /// <summary>The dataset member that assigns an A/B arm; null for none.</summary>
    public string? AssignmentMember { get; init; }

    /// <summary>Whether a setting is invalid (PDSL219 was reported): the deployment is then left out of the output.</summary>
    public required bool HasErrors { get; init; }
}

/// <summary>
/// What the joined deployment checks (PDSL218 no pipeline, PDSL219 assignment member and duplicate names, PDSL220 no
/// gate) need, with the positions to report at: kept apart from <see cref="DeploymentSpec"/> so that moving text does
/// not invalidate the emitted pipeline.
/// </summary>
/// <remarks>Pipeline model: immutable and structurally equal; no symbols, nodes or compilations.</remarks>
/// <param name="FullName">The deployment class, <c>global::</c>-qualified.</param>
/// <param name="Name">The deployment's name.</param>
/// <param name="ModelFullName">The served model class, <c>global::</c>-qualified.</param>
/// <param name="ModelName">The model class as written in messages.</param>
/// <param name="AssignmentMember">The A/B assignment member; null for none.</param>
/// <param name="Location">The attribute.</param>
/// <param name="NameLocation">The <c>Name</c> argument, else the attribute.</param>
/// <param name="AssignmentLocation">The <c>AssignmentMember</c> argument, else the attribute.</param>
internal sealed record DeploymentCheckSpec(
    string FullName,
    string Name,
    string ModelFullName,
    string ModelName,
    string? AssignmentMember,
    LocationInfo Location,
    LocationInfo NameLocation,
    LocationInfo AssignmentLocation);
