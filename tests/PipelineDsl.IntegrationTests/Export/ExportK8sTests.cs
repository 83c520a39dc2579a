using ChurnPrediction;
using k8s;
using k8s.Models;
using PipelineDsl.Hosting;

namespace PipelineDsl.IntegrationTests.Export;

/// <summary><c>export k8s</c>: the manifests load back with KubernetesClient into the three expected objects.</summary>
public sealed class ExportK8sTests
{
    [Fact]
    public async Task Writes_a_deployment_a_service_and_an_autoscaler_that_fit_together()
    {
        var result = await CliRunner.RunAsync(ChurnPipeline.Definition, "export", "k8s");
        Assert.True(result.ExitCode == ExitCodes.Success, result.All);

        var objects = KubernetesYaml.LoadAllFromString(result.Output);
        Assert.Collection(
            objects,
            o => Assert.IsType<V1Deployment>(o),
            o => Assert.IsType<V1Service>(o),
            o => Assert.IsType<V2HorizontalPodAutoscaler>(o));
        var deployment = (V1Deployment)objects[0];
        var service = (V1Service)objects[1];
        var hpa = (V2HorizontalPodAutoscaler)objects[2];

        Assert.Equal("apps/v1", deployment.ApiVersion);
        Assert.Equal("churnservice", deployment.Metadata.Name);
        Assert.Null(deployment.Metadata.NamespaceProperty);
        Assert.Equal(2, deployment.Spec.Replicas);

        // The selector picks the pod template's labels, and the Service selects the same pods.
        var podLabels = deployment.Spec.Template.Metadata.Labels;
        Assert.NotEmpty(deployment.Spec.Selector.MatchLabels);
        Assert.All(deployment.Spec.Selector.MatchLabels, l => Assert.Equal(l.Value, podLabels[l.Key]));
        Assert.All(service.Spec.Selector, l => Assert.Equal(l.Value, podLabels[l.Key]));

        var pod = deployment.Spec.Template.Spec;
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        var container = Assert.Single(pod.Containers);
        Assert.Equal("churnprediction.churnservice.serving:latest", container.Image);
        Assert.Equal(8080, Assert.Single(container.Ports).ContainerPort);
        Assert.Equal("/ready", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("8080", container.ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal("/health", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("8080", container.LivenessProbe.HttpGet.Port.Value);
        Assert.True(container.Resources.Requests.ContainsKey("cpu"), "the autoscaler needs CPU requests");
        Assert.True(container.Resources.Requests.ContainsKey("memory"));
        Assert.True(container.Resources.Limits.ContainsKey("memory"));

        // The store: a PersistentVolumeClaim, mounted writable at /store (SQLite's write-ahead log, canary decisions).
        var mount = Assert.Single(container.VolumeMounts, m => m.Name == "store");
        Assert.Equal("/store", mount.MountPath);
        Assert.NotEqual(true, mount.ReadOnlyProperty);
        var volume = Assert.Single(pod.Volumes, v => v.Name == mount.Name);
        Assert.Equal("churn-store", volume.PersistentVolumeClaim.ClaimName);

        // Each pod logs predictions to its own folder in the store, named by the downward API.
        Assert.Equal(["--prediction-log", "/store/predictions/churn/$(POD_NAME)"], container.Args);
        Assert.Equal("metadata.name", Assert.Single(container.Env, e => e.Name == "POD_NAME").ValueFrom.FieldRef.FieldPath);

        Assert.Equal("v1", service.ApiVersion);
        Assert.Equal("ClusterIP", service.Spec.Type);
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(80, port.Port);
        Assert.Equal("8080", port.TargetPort.Value);

        Assert.Equal("autoscaling/v2", hpa.ApiVersion);
        Assert.Equal("Deployment", hpa.Spec.ScaleTargetRef.Kind);
        Assert.Equal("apps/v1", hpa.Spec.ScaleTargetRef.ApiVersion);
        Assert.Equal(deployment.Metadata.Name, hpa.Spec.ScaleTargetRef.Name);
        Assert.Equal(2, hpa.Spec.MinReplicas);
        Assert.Equal(10, hpa.Spec.MaxReplicas);
        var metric = Assert.Single(hpa.Spec.Metrics);
        Assert.Equal("Resource", metric.Type);
        Assert.Equal("cpu", metric.Resource.Name);
        Assert.Equal("Utilization", metric.Resource.Target.Type);
        Assert.Equal(70, metric.Resource.Target.AverageUtilization);
    }

    [Fact]
    public async Task Options_reach_the_manifests_and_the_file()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("k8s", "churn.yaml");
        var result = await CliRunner.RunAsync(
            ChurnPipeline.Definition, "export", "k8s", "--deployment", "ChurnService", "--image", "registry.local/churn:1.2",
            "--namespace", "ml", "--store-claim", "churn-prod-store", "--replicas", "3", "--min-replicas", "3",
            "--max-replicas", "7", "--cpu-target", "55", "--output", file);
        Assert.True(result.ExitCode == ExitCodes.Success, result.All);
        Assert.Contains("wrote " + file, result.Output);

        var objects = KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file));
        Assert.Equal(3, objects.Count);
        Assert.All(objects, o => Assert.Equal("ml", ((IMetadata<V1ObjectMeta>)o).Metadata.NamespaceProperty));
        var deployment = Assert.IsType<V1Deployment>(objects[0]);
        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Equal("registry.local/churn:1.2", deployment.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("churn-prod-store", Assert.Single(deployment.Spec.Template.Spec.Volumes, v => v.Name == "store").PersistentVolumeClaim.ClaimName);
        var hpa = Assert.IsType<V2HorizontalPodAutoscaler>(objects[2]);
        Assert.Equal(3, hpa.Spec.MinReplicas);
        Assert.Equal(7, hpa.Spec.MaxReplicas);
        Assert.Equal(55, hpa.Spec.Metrics[0].Resource.Target.AverageUtilization);
    }

    [Theory]
    [InlineData("--min-replicas", "5", "--max-replicas", "2")]
    [InlineData("--namespace", "Not_A_Name", "--replicas", "1")]
    [InlineData("--deployment", "NoSuchDeployment", "--replicas", "1")]
    public async Task Bad_options_are_usage_errors(string option1, string value1, string option2, string value2)
    {
        var result = await CliRunner.RunAsync(ChurnPipeline.Definition, "export", "k8s", option1, value1, option2, value2);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("error:", result.Console);
    }
}
