using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace PipelineDsl.Generators.Helpers;

/// <summary>
/// What a <c>ForAttributeWithMetadataName</c> transform returns: the equatable spec (null when the declaration
/// is invalid and must not be emitted) and the diagnostics with their real source locations. The two are split
/// right after the transform (source output sees only the spec; diagnostics are reported by a second
/// <c>RegisterSourceOutput</c>), so the real <see cref="Location"/>s never enter a cached model and
/// <c>#pragma warning disable</c> still works on them.
/// </summary>
internal sealed class ParseResult<T>
    where T : class
{
    public ParseResult(T? spec, ImmutableArray<Diagnostic> diagnostics)
    {
        Spec = spec;
        Diagnostics = diagnostics;
    }

    public T? Spec { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>For models only: what the joined label/task check (PDSL207) needs.</summary>
    public PipelineDsl.Generators.Model.ModelCheckSpec? Check { get; init; }

    /// <summary>For point-in-time feature sets only: where the windows and joins are, for the joined checks (PDSL212/213).</summary>
    public PipelineDsl.Generators.Model.FeatureSetCheckSpec? FeatureSetCheck { get; init; }

    /// <summary>For pipelines that split or backtest by time: what the joined timestamp check (PDSL214) needs.</summary>
    public PipelineDsl.Generators.Model.PipelineCheckSpec? PipelineCheck { get; init; }

    /// <summary>For deployments of a [Model] only: what the joined checks (PDSL218-220) need.</summary>
    public PipelineDsl.Generators.Model.DeploymentCheckSpec? DeploymentCheck { get; init; }

    /// <summary>For monitors of a [Model] only: what the joined checks (PDSL221, PDSL222 on the decay metric) need.</summary>
    public PipelineDsl.Generators.Model.MonitorCheckSpec? MonitorCheck { get; init; }
}
