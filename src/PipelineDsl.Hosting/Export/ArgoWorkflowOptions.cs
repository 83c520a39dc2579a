using PipelineDsl.Runtime;

namespace PipelineDsl.Hosting.Export;

/// <summary>What <c>export argo</c> was asked for.</summary>
/// <param name="Image">The pipeline image, whose entry point is the pipeline program (so its arguments are a verb).</param>
/// <param name="Namespace">The workflow's namespace; null to leave it to <c>argo submit -n</c>.</param>
/// <param name="Retries">How often a failed node is retried.</param>
/// <param name="RequiresGpu">Whether a model's training needs a GPU; <see cref="Runtime.Training.TrainerResources.RequiresGpu"/> when null.</param>
internal sealed record ArgoWorkflowOptions(string Image, string? Namespace = null, int Retries = 2, Func<ModelDefinition, bool>? RequiresGpu = null);
