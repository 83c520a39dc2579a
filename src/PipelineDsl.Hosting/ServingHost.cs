using Microsoft.Extensions.Hosting;
using PipelineDsl.Runtime;

namespace PipelineDsl.Hosting;

/// <summary>
/// The entry point of a serving project written by <c>export serving</c>: runs the <c>serve</c> verb for one pipeline
/// and one deployment, with the same options (<c>--urls</c>, <c>--store</c>, <c>--admin-key-file</c>, ...).
/// </summary>
public static class ServingHost
{
    /// <summary>Serves <paramref name="pipeline"/> with deployment <paramref name="deployment"/> until stopped.</summary>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(IPipelineDefinition pipeline, string deployment, string[] args)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(args);
        var builder = Host.CreateApplicationBuilder();
        builder.AddPipelineDsl([pipeline]);
        using var host = builder.Build();
        return await host.RunPipelineCliAsync(["serve", "--deployment", deployment, .. args]);
    }
}
