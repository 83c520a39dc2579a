namespace PipelineDsl.Hosting.Export;

// The part of Argo Workflows' v1alpha1 API that `export argo` writes, as plain classes for YamlDotNet (camelCase
// property names, nulls and empty collections left out). Field names and shapes follow argoproj.io/v1alpha1.

/// <summary>An Argo <c>Workflow</c>.</summary>
internal sealed class ArgoWorkflowManifest
{
    public string ApiVersion { get; init; } = "argoproj.io/v1alpha1";
    public string Kind { get; init; } = "Workflow";
    public required ArgoMetadata Metadata { get; init; }
    public required ArgoWorkflowSpec Spec { get; init; }
}

/// <summary>Object metadata (the workflow's, or a template's labels and annotations).</summary>
internal sealed class ArgoMetadata
{
    public string? Name { get; init; }
    public string? GenerateName { get; init; }
    public string? Namespace { get; init; }
    public Dictionary<string, string>? Labels { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }
}

/// <summary>The workflow's spec.</summary>
internal sealed class ArgoWorkflowSpec
{
    public required string Entrypoint { get; init; }
    public int? Parallelism { get; init; }
    public ArgoArguments? Arguments { get; init; }
    public required List<ArgoTemplate> Templates { get; init; }
}

/// <summary>Workflow arguments.</summary>
internal sealed class ArgoArguments
{
    public List<ArgoParameter>? Parameters { get; init; }
}

/// <summary>A parameter with its default value.</summary>
internal sealed class ArgoParameter
{
    public required string Name { get; init; }
    public string? Value { get; init; }
    public string? Description { get; init; }
}

/// <summary>A template: the DAG, or one node's container.</summary>
internal sealed class ArgoTemplate
{
    public required string Name { get; init; }
    public ArgoMetadata? Metadata { get; init; }
    public ArgoArtifacts? Inputs { get; init; }
    public ArgoArtifacts? Outputs { get; init; }
    public ArgoDag? Dag { get; init; }
    public ArgoContainer? Container { get; init; }
    public ArgoRetryStrategy? RetryStrategy { get; init; }
}

/// <summary>A template's inputs or outputs (artifacts only).</summary>
internal sealed class ArgoArtifacts
{
    public List<ArgoArtifact>? Artifacts { get; init; }
}

/// <summary>An artifact at a container path, stored in S3.</summary>
internal sealed class ArgoArtifact
{
    public required string Name { get; init; }
    public required string Path { get; init; }
    public bool? Optional { get; init; }
    public ArgoS3Artifact? S3 { get; init; }
}

/// <summary>An S3-compatible object location with its credentials (Kubernetes secret references).</summary>
internal sealed class ArgoS3Artifact
{
    public required string Endpoint { get; init; }
    public required string Bucket { get; init; }
    public required string Key { get; init; }
    public ArgoSecretKeySelector? AccessKeySecret { get; init; }
    public ArgoSecretKeySelector? SecretKeySecret { get; init; }
}

/// <summary>A key of a Kubernetes secret.</summary>
internal sealed class ArgoSecretKeySelector
{
    public required string Name { get; init; }
    public required string Key { get; init; }
}

/// <summary>A DAG template's body.</summary>
internal sealed class ArgoDag
{
    public required List<ArgoDagTask> Tasks { get; init; }
}

/// <summary>One DAG task: a node, the template that runs it and the tasks it waits for.</summary>
internal sealed class ArgoDagTask
{
    public required string Name { get; init; }
    public required string Template { get; init; }
    public List<string>? Dependencies { get; init; }
}

/// <summary>A container (Argo's own name for a template's container is <c>main</c>).</summary>
internal sealed class ArgoContainer
{
    public string Name { get; init; } = "main";
    public required string Image { get; init; }
    public List<string>? Args { get; init; }
    public ArgoResources? Resources { get; init; }
}

/// <summary>Resource requests and limits (Kubernetes quantities, written as strings).</summary>
internal sealed class ArgoResources
{
    public Dictionary<string, string>? Requests { get; init; }
    public Dictionary<string, string>? Limits { get; init; }
}

/// <summary>How often a failed node is retried.</summary>
internal sealed class ArgoRetryStrategy
{
    public required string Limit { get; init; }
    public required string RetryPolicy { get; init; }
}
