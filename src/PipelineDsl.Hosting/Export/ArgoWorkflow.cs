using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Graph;
using PipelineDsl.Runtime.Training;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PipelineDsl.Hosting.Export;

/// <summary>
/// <c>export argo</c>: a pipeline's DAG as an Argo Workflows <c>Workflow</c>. The entry point is a DAG template with one
/// task per node, whose dependencies are the graph's edges; each node runs in its own container template as
/// <c>step &lt;node-id&gt; --store /store --run {{workflow.name}}</c> (one run per workflow), retried on failure. The store travels between nodes as an S3 artifact:
/// downloaded into <c>/store</c> before a node (optional, for the first one) and uploaded after it. The store is one
/// SQLite database, so the workflow runs one node at a time (<c>parallelism: 1</c>): every node then starts from the
/// store that all the nodes before it left, and no two nodes upload it at once.
/// </summary>
internal static class ArgoWorkflow
{
    /// <summary>The store's path in every container.</summary>
    public const string StorePath = "/store";

    /// <summary>The resource name of NVIDIA GPUs in the device plugin.</summary>
    public const string GpuResource = "nvidia.com/gpu";

    /// <summary>The S3 key of the store archive, per workflow run.</summary>
    public const string StoreKey = "{{workflow.parameters.s3-key-prefix}}/{{workflow.name}}/store.tgz";

    /// <summary>The workflow parameters for the S3-compatible artifact store, with their defaults.</summary>
    public static IReadOnlyList<(string Name, string Value, string Description)> S3Parameters(string pipeline) =>
    [
        ("s3-endpoint", "s3.amazonaws.com", "host[:port] of the S3-compatible artifact store"),
        ("s3-bucket", ArgoNames.Sanitize(pipeline) + "-artifacts", "bucket that holds the store between nodes"),
        ("s3-key-prefix", "pipelinedsl/" + ArgoNames.Sanitize(pipeline), "key prefix; the store is kept at <prefix>/<workflow>/store.tgz"),
        ("s3-access-key-secret", "s3-credentials", "secret whose key 'accessKey' holds the access key"),
        ("s3-secret-key-secret", "s3-credentials", "secret whose key 'secretKey' holds the secret key"),
    ];

    /// <summary>Builds the workflow for <paramref name="pipeline"/>.</summary>
    public static ArgoWorkflowManifest Build(IPipelineDefinition pipeline, ArgoWorkflowOptions options)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Retries);
        var graph = pipeline.Graph;
        var dagName = ArgoNames.Sanitize(pipeline.Name, ArgoNames.MaxLength - 4) + "-dag";
        var names = ArgoNames.Unique(graph.TopologicalOrder, dagName);
        var gpu = (options.RequiresGpu ?? TrainerResources.RequiresGpu)(pipeline.Model);

        var tasks = graph.TopologicalOrder.Select(id => new ArgoDagTask
        {
            Name = names[id],
            Template = names[id],
            Dependencies = graph.DependenciesOf(id).Select(d => names[d]).ToList() is { Count: > 0 } deps ? deps : null,
        }).ToList();

        var templates = new List<ArgoTemplate> { new() { Name = dagName, Dag = new ArgoDag { Tasks = tasks } } };
        templates.AddRange(graph.TopologicalOrder.Select(id => NodeTemplate(graph[id], names[id], options, gpu)));

        var pipelineLabel = ArgoNames.Sanitize(pipeline.Name);
        return new ArgoWorkflowManifest
        {
            Metadata = new ArgoMetadata
            {
                GenerateName = ArgoNames.Sanitize(pipeline.Name, 52) + "-",
                Namespace = options.Namespace,
                Labels = new() { ["app.kubernetes.io/name"] = pipelineLabel, ["app.kubernetes.io/managed-by"] = "pipelinedsl" },
                Annotations = new() { ["pipelinedsl.io/pipeline"] = pipeline.Name },
            },
            Spec = new ArgoWorkflowSpec
            {
                Entrypoint = dagName,
                Parallelism = 1,
                Arguments = new ArgoArguments
                {
                    Parameters = S3Parameters(pipeline.Name).Select(p => new ArgoParameter { Name = p.Name, Value = p.Value, Description = p.Description }).ToList(),
                },
                Templates = templates,
            },
        };
    }

    /// <summary>The workflow as YAML.</summary>
    public static string ToYaml(ArgoWorkflowManifest workflow) => Serializer.Serialize(workflow);

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();

    private static ArgoTemplate NodeTemplate(PipelineNode node, string name, ArgoWorkflowOptions options, bool gpu)
    {
        ArgoResources? resources = null;
        if (TrainerResources.Trains(node.Kind))
        {
            resources = new ArgoResources
            {
                Requests = new() { ["cpu"] = "2", ["memory"] = "4Gi" },
                Limits = gpu ? new() { ["memory"] = "8Gi", [GpuResource] = "1" } : new() { ["memory"] = "8Gi" },
            };
        }

        return new ArgoTemplate
        {
            Name = name,
            Metadata = new ArgoMetadata { Annotations = new() { ["pipelinedsl.io/node"] = node.Id } },
            Inputs = new ArgoArtifacts { Artifacts = [StoreArtifact(optional: true)] },
            Outputs = new ArgoArtifacts { Artifacts = [StoreArtifact(optional: null)] },
            Container = new ArgoContainer
            {
                Image = options.Image,
                // Every node joins one run named after the workflow, so `runs` shows the workflow as one run.
                Args = ["step", node.Id, "--store", StorePath, "--run", "{{workflow.name}}"],
                Resources = resources,
            },
            RetryStrategy = new ArgoRetryStrategy
            {
                Limit = options.Retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
                RetryPolicy = "OnFailure",
            },
        };
    }

    private static ArgoArtifact StoreArtifact(bool? optional) => new()
    {
        Name = "store",
        Path = StorePath,
        Optional = optional,
        S3 = new ArgoS3Artifact
        {
            Endpoint = "{{workflow.parameters.s3-endpoint}}",
            Bucket = "{{workflow.parameters.s3-bucket}}",
            Key = StoreKey,
            AccessKeySecret = new ArgoSecretKeySelector { Name = "{{workflow.parameters.s3-access-key-secret}}", Key = "accessKey" },
            SecretKeySecret = new ArgoSecretKeySelector { Name = "{{workflow.parameters.s3-secret-key-secret}}", Key = "secretKey" },
        },
    };
}
