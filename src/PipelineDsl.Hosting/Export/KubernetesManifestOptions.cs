namespace PipelineDsl.Hosting.Export;

/// <summary>What <c>export k8s</c> was asked for.</summary>
/// <param name="Image">The serving image (the one <c>export serving</c>'s Dockerfile builds).</param>
/// <param name="StoreClaim">The PersistentVolumeClaim that holds the store, mounted read-only at <c>/store</c>.</param>
/// <param name="Namespace">The namespace of every object; null to leave it to <c>kubectl apply -n</c>.</param>
/// <param name="Replicas">The Deployment's replicas (the autoscaler moves it between its bounds).</param>
/// <param name="MinReplicas">The autoscaler's lower bound.</param>
/// <param name="MaxReplicas">The autoscaler's upper bound.</param>
/// <param name="CpuTargetPercent">The average CPU utilization, in percent of the requests, the autoscaler aims for.</param>
internal sealed record KubernetesManifestOptions(
    string Image,
    string StoreClaim,
    string? Namespace = null,
    int Replicas = 2,
    int MinReplicas = 2,
    int MaxReplicas = 10,
    int CpuTargetPercent = 70);
