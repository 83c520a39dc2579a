using System.CommandLine;
using PipelineDsl.Hosting.Export;
using PipelineDsl.Runtime;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>export k8s</c>: writes the Kubernetes objects that serve one deployment (see <see cref="KubernetesManifests"/>):
/// a Deployment of the image <c>export serving</c> builds, a Service and a HorizontalPodAutoscaler.
/// </summary>
internal static class ExportK8sCommand
{
    public static Command Create(CliContext context)
    {
        var pipeline = CliOptions.Pipeline();
        var deployment = new Option<string?>("--deployment") { Description = "Deployment to export (needed only when the model declares several)." };
        var image = new Option<string?>("--image") { Description = "The serving image (default: the tag `export serving` prints, <assembly>.<deployment>.serving:latest)." };
        var output = ExportOptions.Output();
        var ns = ExportOptions.Namespace();
        var claim = new Option<string?>("--store-claim") { Description = "PersistentVolumeClaim that holds the store, mounted read-only at /store (default: <pipeline>-store)." };
        var replicas = new Option<int>("--replicas") { Description = "Replicas of the Deployment.", DefaultValueFactory = _ => 2 };
        var minReplicas = new Option<int>("--min-replicas") { Description = "The autoscaler's lower bound.", DefaultValueFactory = _ => 2 };
        var maxReplicas = new Option<int>("--max-replicas") { Description = "The autoscaler's upper bound.", DefaultValueFactory = _ => 10 };
        var cpuTarget = new Option<int>("--cpu-target") { Description = "Average CPU utilization the autoscaler aims for, in percent of the requests.", DefaultValueFactory = _ => 70 };
        var command = new Command("k8s", "Write a Kubernetes Deployment, Service and HorizontalPodAutoscaler that serve one deployment.")
        {
            pipeline, deployment, image, output, ns, claim, replicas, minReplicas, maxReplicas, cpuTarget,
        };
        command.SetAction(parse =>
        {
            var definition = context.Catalog.Resolve(parse.GetValue(pipeline));
            var name = definition.Accept(new ExportServingCommand.DeploymentName(parse.GetValue(deployment)));
            var (min, max, count, target) = (parse.GetValue(minReplicas), parse.GetValue(maxReplicas), parse.GetValue(replicas), parse.GetValue(cpuTarget));
            if (min < 1 || max < min)
            {
                throw new CliUsageException($"--min-replicas {min} --max-replicas {max}: need 1 <= min <= max");
            }

            if (count < 0 || target < 1)
            {
                throw new CliUsageException("--replicas must be 0 or more and --cpu-target 1 or more");
            }

            var claimName = parse.GetValue(claim) ?? ArgoNames.Sanitize(definition.Name, ArgoNames.MaxLength - 6) + "-store";
            if (!ArgoNames.IsDns1123Label(claimName))
            {
                throw new CliUsageException($"--store-claim '{claimName}' is not a valid Kubernetes name (lower-case letters, digits and '-')");
            }

            var assembly = ExportOptions.PipelineAssembly(definition);
            var options = new KubernetesManifestOptions(
                parse.GetValue(image) ?? ArgoNames.Image($"{assembly}.{name}.Serving"),
                claimName,
                ExportOptions.CheckNamespace(parse.GetValue(ns)),
                count,
                min,
                max,
                target);
            var yaml = KubernetesManifests.ToYaml(KubernetesManifests.Build(definition.Name, name, options));
            ExportOptions.Write(context, parse.GetValue(output), yaml);
            return ExitCodes.Success;
        });
        return command;
    }
}
