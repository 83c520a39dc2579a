using k8s;
using k8s.Models;

namespace PipelineDsl.Hosting.Export;

/// <summary>
/// <c>export k8s</c>: the objects that serve one deployment of a pipeline on Kubernetes, built from KubernetesClient's
/// model classes: a <c>Deployment</c> of the serving image (port 8080, readiness on <c>/ready</c>, liveness on
/// <c>/health</c>, the store from a PersistentVolumeClaim mounted read-only at <c>/store</c>, non-root), a ClusterIP
/// <c>Service</c> (port 80 to 8080) and a <c>HorizontalPodAutoscaler</c> on CPU utilization.
/// </summary>
internal static class KubernetesManifests
{
    /// <summary>The serving port in the container (the image's <c>--urls http://0.0.0.0:8080</c>).</summary>
    public const int ContainerPort = 8080;

    /// <summary>Where the serving container writes its prediction log (an emptyDir: the store is mounted read-only).</summary>
    public const string PredictionLogRoot = "/store/predictions";

    /// <summary>Builds the Deployment, the Service and the autoscaler, in that order.</summary>
    /// <param name="pipeline">The pipeline's name.</param>
    /// <param name="deployment">The deployment's name (as declared with <c>[Deployment]</c>).</param>
    /// <param name="options">Image, claim, namespace and scaling.</param>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Build(string pipeline, string deployment, KubernetesManifestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MinReplicas < 1 || options.MaxReplicas < options.MinReplicas || options.Replicas < 0 || options.CpuTargetPercent < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "need 1 <= min-replicas <= max-replicas, replicas >= 0 and cpu-target >= 1");
        }

        var name = ArgoNames.Sanitize(deployment);
        var pipelineLabel = ArgoNames.Sanitize(pipeline);
        var selector = new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = name,
            ["app.kubernetes.io/part-of"] = pipelineLabel,
        };
        var labels = new Dictionary<string, string>(selector) { ["app.kubernetes.io/managed-by"] = "pipelinedsl" };
        var annotations = new Dictionary<string, string>
        {
            ["pipelinedsl.io/pipeline"] = pipeline,
            ["pipelinedsl.io/deployment"] = deployment,
        };
        V1ObjectMeta Meta() => new() { Name = name, NamespaceProperty = options.Namespace, Labels = new Dictionary<string, string>(labels), Annotations = new Dictionary<string, string>(annotations) };

        IntOrString probePort = ContainerPort;
        var podSpec = new V1PodSpec
        {
            SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true },
            Containers =
            [
                new V1Container
                {
                    Name = "serving",
                    Image = options.Image,
                    // The store is writable: SQLite keeps its write-ahead log beside the database, and a canary's rollback or
                    // promotion writes the registry. Each pod logs its predictions to a folder of its own in the store, so
                    // replicas never append to one file; monitor reads every pod's folder.
                    Env = [new V1EnvVar { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } }],
                    Args = ["--prediction-log", $"{PredictionLogRoot}/{pipeline}/$(POD_NAME)"],
                    Ports = [new V1ContainerPort { Name = "http", ContainerPort = ContainerPort, Protocol = "TCP" }],
                    ReadinessProbe = new V1Probe
                    {
                        HttpGet = new V1HTTPGetAction { Path = "/ready", Port = probePort },
                        PeriodSeconds = 5,
                        FailureThreshold = 3,
                    },
                    LivenessProbe = new V1Probe
                    {
                        HttpGet = new V1HTTPGetAction { Path = "/health", Port = probePort },
                        InitialDelaySeconds = 10,
                        PeriodSeconds = 10,
                        FailureThreshold = 3,
                    },
                    Resources = new V1ResourceRequirements
                    {
                        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("512Mi") },
                        Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("1Gi") },
                    },
                    SecurityContext = new V1SecurityContext
                    {
                        RunAsNonRoot = true,
                        AllowPrivilegeEscalation = false,
                        Capabilities = new V1Capabilities { Drop = ["ALL"] },
                    },
                    VolumeMounts =
                    [
                        new V1VolumeMount { Name = "store", MountPath = ArgoWorkflow.StorePath },
                    ],
                },
            ],
            Volumes =
            [
                new V1Volume
                {
                    Name = "store",
                    PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = options.StoreClaim },
                },
            ],
        };

        var workload = new V1Deployment
        {
            ApiVersion = $"{V1Deployment.KubeGroup}/{V1Deployment.KubeApiVersion}",
            Kind = V1Deployment.KubeKind,
            Metadata = Meta(),
            Spec = new V1DeploymentSpec
            {
                Replicas = options.Replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(selector) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels), Annotations = new Dictionary<string, string>(annotations) },
                    Spec = podSpec,
                },
            },
        };

        var service = new V1Service
        {
            ApiVersion = V1Service.KubeApiVersion,
            Kind = V1Service.KubeKind,
            Metadata = Meta(),
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = new Dictionary<string, string>(selector),
                Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = probePort, Protocol = "TCP" }],
            },
        };

        var autoscaler = new V2HorizontalPodAutoscaler
        {
            ApiVersion = $"{V2HorizontalPodAutoscaler.KubeGroup}/{V2HorizontalPodAutoscaler.KubeApiVersion}",
            Kind = V2HorizontalPodAutoscaler.KubeKind,
            Metadata = Meta(),
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = workload.ApiVersion, Kind = workload.Kind, Name = name },
                MinReplicas = options.MinReplicas,
                MaxReplicas = options.MaxReplicas,
                Metrics =
                [
                    new V2MetricSpec
                    {
                        Type = "Resource",
                        Resource = new V2ResourceMetricSource
                        {
                            Name = "cpu",
                            Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = options.CpuTargetPercent },
                        },
                    },
                ],
            },
        };

        return [workload, service, autoscaler];
    }

    /// <summary>The objects as one multi-document YAML stream.</summary>
    public static string ToYaml(IEnumerable<object> objects) =>
        string.Join("---\n", objects.Select(o => KubernetesYaml.Serialize(o).TrimEnd('\n') + "\n"));
}
