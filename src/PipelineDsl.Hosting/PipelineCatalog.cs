using PipelineDsl.Runtime;

namespace PipelineDsl.Hosting;

/// <summary>The pipelines an application declares, by name.</summary>
public sealed class PipelineCatalog
{
    /// <summary>Creates the catalog; names must be unique.</summary>
    public PipelineCatalog(IEnumerable<IPipelineDefinition> pipelines)
    {
        Pipelines = pipelines.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        var duplicate = Pipelines.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two pipelines are named '{duplicate.Key}'.", nameof(pipelines));
        }
    }

    /// <summary>The pipelines, ordered by name.</summary>
    public IReadOnlyList<IPipelineDefinition> Pipelines { get; }

    /// <summary>
    /// The pipeline called <paramref name="name"/>, or the only one when <paramref name="name"/> is null.
    /// </summary>
    /// <exception cref="CliUsageException">No such pipeline, or several and none named.</exception>
    public IPipelineDefinition Resolve(string? name)
    {
        if (Pipelines.Count == 0)
        {
            throw new CliUsageException("This application declares no [Pipeline].");
        }

        if (name is null)
        {
            return Pipelines.Count == 1
                ? Pipelines[0]
                : throw new CliUsageException($"Several pipelines are declared; choose one with --pipeline: {Names()}.");
        }

        return Pipelines.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))
            ?? throw new CliUsageException($"Unknown pipeline '{name}'. Declared: {Names()}.");
    }

    private string Names() => string.Join(", ", Pipelines.Select(p => p.Name));
}
