namespace PipelineDsl.Runtime.Execution;

// TEMPORARY placeholder so the contract compiles while the runtime is built; replaced by the real runner.
internal sealed class PipelineRunner<TRow>(PipelineDefinition<TRow> pipeline, PipelineRunOptions options, IPipelineObserver? observer)
{
    public Task<PipelineRunResult> RunAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{pipeline.Name} {options.StorePath} {observer} {cancellationToken}");
}
