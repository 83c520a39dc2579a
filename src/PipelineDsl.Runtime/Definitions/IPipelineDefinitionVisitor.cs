namespace PipelineDsl.Runtime;

/// <summary>Receives a pipeline definition with its row type (see <see cref="IPipelineDefinition.Accept{TResult}"/>).</summary>
/// <typeparam name="TResult">What the visit returns.</typeparam>
public interface IPipelineDefinitionVisitor<out TResult>
{
    /// <summary>Visits the typed definition.</summary>
    TResult Visit<TRow>(PipelineDefinition<TRow> pipeline);
}
