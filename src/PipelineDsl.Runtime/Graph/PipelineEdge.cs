namespace PipelineDsl.Runtime.Graph;

/// <summary>A dependency: <paramref name="To"/> needs the output of <paramref name="From"/>.</summary>
public sealed record PipelineEdge(string From, string To);
