namespace PipelineDsl.Runtime.Graph;

/// <summary>One node of a pipeline DAG.</summary>
/// <param name="Id">Stable id, <c>{kind}:{subject}</c> (for example <c>train:ChurnModel</c>).</param>
/// <param name="Kind">The node's kind.</param>
/// <param name="Subject">What it operates on (a dataset, feature set, model or gate class name).</param>
public sealed record PipelineNode(string Id, NodeKind Kind, string Subject);
