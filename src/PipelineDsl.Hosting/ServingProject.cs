using System.Reflection;
using PipelineDsl.Runtime;

namespace PipelineDsl.Hosting;

/// <summary>The files <c>export serving</c> writes: project, entry point, Dockerfile, .dockerignore and README.</summary>
internal sealed record ServingProject(string ProjectFile, string DockerBuildCommand)
{
    /// <summary>Writes the serving project for deployment <paramref name="deployment"/> of <paramref name="pipeline"/>.</summary>
    public static ServingProject Write(string folder, string projectName, string pipelineProject, IPipelineDefinition pipeline, string deployment)
    {
        var definitionClass = DefinitionClass(pipeline);
        Directory.CreateDirectory(folder);
        var reference = Path.GetRelativePath(folder, pipelineProject);

        // The image is built from the folder that holds both projects (and, inside a repository, what they reference).
        var context = BuildContext(pipelineProject, folder);
        var servingInContext = Path.GetRelativePath(context, Path.Combine(folder, projectName + ".csproj")).Replace('\\', '/');
        var assembly = projectName;

        File.WriteAllText(Path.Combine(folder, projectName + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <!-- Written by `export serving`: the {deployment} deployment of pipeline {pipeline.Name}. It references the pipeline
                   project, so requests go through the same generated feature code that training used. -->
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <InvariantGlobalization>true</InvariantGlobalization>
                <AssemblyName>{assembly}</AssemblyName>
                <RootNamespace>{assembly}</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{reference}" />
              </ItemGroup>
            </Project>

            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), $"""
            // Written by `export serving`. Options as for the serve verb: --urls, --store, --admin-key-file, --poll-seconds, ...
            return await PipelineDsl.Hosting.ServingHost.RunAsync(global::{definitionClass}.Definition, "{deployment}", args);

            """);
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), $"""
            # Written by `export serving` for the {deployment} deployment of pipeline {pipeline.Name}.
            # Build from {context}:
            #   docker build -f {Path.GetRelativePath(context, Path.Combine(folder, "Dockerfile")).Replace('\\', '/')} -t {assembly.ToLowerInvariant()} .
            # Run with the store mounted (the registry says which version is in production):
            #   docker run --rm -p 127.0.0.1:8080:8080 -v /path/to/.mlpipeline:/store {assembly.ToLowerInvariant()}
            ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
            ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0
            FROM $SDK_IMAGE AS build
            WORKDIR /src
            COPY . .
            RUN dotnet publish "{servingInContext}" -c Release -o /app

            FROM $RUNTIME_IMAGE
            WORKDIR /app
            COPY --from=build /app .
            USER $APP_UID
            EXPOSE 8080
            VOLUME ["/store"]
            ENTRYPOINT ["dotnet", "{assembly}.dll", "--urls", "http://0.0.0.0:8080", "--store", "/store"]

            """);
        File.WriteAllText(Path.Combine(folder, ".dockerignore"), """
            **/bin/
            **/obj/
            **/.mlpipeline/
            **/.git/

            """);
        var dockerBuild = $"docker build -f {Path.Combine(folder, "Dockerfile")} -t {assembly.ToLowerInvariant()} {context}";
        File.WriteAllText(Path.Combine(folder, "README.md"), $"""
            # {assembly}

            The `{deployment}` deployment of pipeline `{pipeline.Name}`, written by `export serving`. It serves the registry's
            production version (and, by the deployment's rollout, its staging challenger) over HTTP: `/predict`,
            `/predict/batch`, `/health`, `/ready`, `/metrics`, `/contract` and the key-protected `/admin` endpoints.

            Run: `dotnet run --project {projectName}.csproj -- --store PATH/TO/.mlpipeline` (binds to 127.0.0.1:8080; `--urls` to change).

            Image: `{dockerBuild}`

            """);
        return new ServingProject(Path.Combine(folder, projectName + ".csproj"), dockerBuild);
    }

    /// <summary>The generated class whose <c>Definition</c> is <paramref name="pipeline"/> (found once, at export time).</summary>
    private static string DefinitionClass(IPipelineDefinition pipeline)
    {
        var assembly = Assembly.GetEntryAssembly() ?? throw new CliUsageException("cannot find the pipeline assembly");
        foreach (var type in assembly.GetTypes())
        {
            var property = type.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static);
            if (property is not null && ReferenceEquals(property.GetValue(null), pipeline))
            {
                return type.FullName!.Replace('+', '.');
            }
        }

        throw new CliUsageException($"cannot find the class that declares pipeline {pipeline.Name} in {assembly.GetName().Name}");
    }

    /// <summary>The repository root above the pipeline project (a folder with .git), else the folder above both projects.</summary>
    private static string BuildContext(string pipelineProject, string servingFolder)
    {
        for (var dir = Path.GetDirectoryName(pipelineProject); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(Path.Combine(dir, ".git")) || File.Exists(Path.Combine(dir, ".git")))
            {
                if (Path.GetFullPath(servingFolder).StartsWith(dir, StringComparison.Ordinal))
                {
                    return dir;
                }

                break;
            }
        }

        var a = Path.GetFullPath(Path.GetDirectoryName(pipelineProject)!).Split(Path.DirectorySeparatorChar);
        var b = Path.GetFullPath(servingFolder).Split(Path.DirectorySeparatorChar);
        var common = a.Zip(b).TakeWhile(p => p.First == p.Second).Count();
        return string.Join(Path.DirectorySeparatorChar, a.Take(common)) is { Length: > 0 } root ? root : "/";
    }
}
