using System.CommandLine;
using System.Reflection;
using PipelineDsl.Runtime;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>export serving</c>: writes a serving project for one deployment: an ASP.NET Core project that references the
/// pipeline project (so it runs the same generated feature code), a <c>Program.cs</c> that calls
/// <see cref="ServingHost"/>, a Dockerfile and a README with the build and run commands.
/// </summary>
internal static class ExportServingCommand
{
    public static Command Create(CliContext context)
    {
        var pipeline = CliOptions.Pipeline();
        var deployment = new Option<string?>("--deployment") { Description = "Deployment to export (needed only when the model declares several)." };
        var project = new Option<string?>("--project") { Description = "The pipeline's .csproj (default: <entry assembly>.csproj in the working directory)." };
        var output = new Option<string?>("--output", "-o") { Description = "Folder to write (default: <Assembly>.<Deployment>.Serving beside the pipeline project)." };
        var command = new Command("serving", "Write a serving project (ASP.NET Core, referencing this pipeline project) with a Dockerfile.")
        {
            pipeline, deployment, project, output,
        };
        command.SetAction(parse =>
        {
            var definition = context.Catalog.Resolve(parse.GetValue(pipeline));
            var entry = Assembly.GetEntryAssembly()?.GetName().Name
                ?? throw new CliUsageException("cannot tell the pipeline project's name; pass --project");
            var csproj = Path.GetFullPath(parse.GetValue(project) ?? Path.Combine(Environment.CurrentDirectory, entry + ".csproj"));
            if (!File.Exists(csproj))
            {
                throw new CliUsageException($"no pipeline project at {csproj}; pass --project PATH/TO/{entry}.csproj");
            }

            var name = definition.Accept(new DeploymentName(parse.GetValue(deployment)));
            var projectName = $"{Path.GetFileNameWithoutExtension(csproj)}.{name}.Serving";
            var folder = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(csproj))!, projectName));
            var written = ServingProject.Write(folder, projectName, csproj, definition, name);
            context.Out.WriteLine($"wrote {written.ProjectFile}");
            context.Out.WriteLine($"  run:   dotnet run --project {written.ProjectFile} -- --store PATH/TO/.mlpipeline");
            context.Out.WriteLine($"  image: {written.DockerBuildCommand}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The deployment <c>--deployment</c> names, or the pipeline's only one.</summary>
    internal sealed class DeploymentName(string? requested) : IPipelineDefinitionVisitor<string>
    {
        public string Visit<TRow>(PipelineDefinition<TRow> pipeline)
        {
            try
            {
                return Serving.PipelineServing.ResolveDeployment(pipeline, requested).Name;
            }
            catch (InvalidOperationException e)
            {
                throw new CliUsageException(e.Message);
            }
        }
    }
}
