using System.CommandLine;
using PipelineDsl.Hosting.Export;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>export argo</c>: writes the pipeline's DAG as an Argo Workflows <c>Workflow</c> (see <see cref="ArgoWorkflow"/>):
/// one retried container per node running <c>step &lt;node-id&gt;</c>, the store passed between nodes through an
/// S3-compatible bucket named by workflow parameters.
/// </summary>
internal static class ExportArgoCommand
{
    public static Command Create(CliContext context)
    {
        var pipeline = CliOptions.Pipeline();
        var image = new Option<string?>("--image") { Description = "The pipeline image, whose entry point is this program (default: <assembly>:latest, lower-case)." };
        var output = ExportOptions.Output();
        var ns = ExportOptions.Namespace();
        var retries = new Option<int>("--retries") { Description = "How often a failed node is retried.", DefaultValueFactory = _ => 2 };
        var command = new Command("argo", "Write an Argo Workflows Workflow that runs the pipeline's DAG, one container per node.")
        {
            pipeline, image, output, ns, retries,
        };
        command.SetAction(parse =>
        {
            var definition = context.Catalog.Resolve(parse.GetValue(pipeline));
            var count = parse.GetValue(retries);
            if (count < 0)
            {
                throw new CliUsageException($"--retries {count}: must be 0 or more");
            }

            var options = new ArgoWorkflowOptions(
                parse.GetValue(image) ?? ArgoNames.Image(ExportOptions.PipelineAssembly(definition)),
                ExportOptions.CheckNamespace(parse.GetValue(ns)),
                count);
            var yaml = ArgoWorkflow.ToYaml(ArgoWorkflow.Build(definition, options));
            ExportOptions.Write(context, parse.GetValue(output), yaml);
            return ExitCodes.Success;
        });
        return command;
    }
}
