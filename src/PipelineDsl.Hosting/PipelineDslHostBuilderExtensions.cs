using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using PipelineDsl.Runtime;

namespace PipelineDsl.Hosting;

/// <summary>Registers PipelineDsl with a generic host.</summary>
public static class PipelineDslHostBuilderExtensions
{
    /// <summary>
    /// Registers the generated pipelines and sends logs to standard error, so standard output carries only
    /// what a verb prints (tables, JSON).
    /// </summary>
    /// <example><code>
    /// var builder = Host.CreateApplicationBuilder(args);
    /// builder.AddPipelineDsl(PipelineDsl.Generated.GeneratedPipelines.All);
    /// using var host = builder.Build();
    /// return await host.RunPipelineCliAsync(args);
    /// </code></example>
    public static HostApplicationBuilder AddPipelineDsl(this HostApplicationBuilder builder, IEnumerable<IPipelineDefinition> pipelines)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        // Node events are printed on standard output already; their structured log entries show when asked for,
        // e.g. Logging__LogLevel__PipelineDsl=Information.
        if (builder.Configuration["Logging:LogLevel:PipelineDsl"] is null)
        {
            builder.Logging.AddFilter("PipelineDsl", LogLevel.Warning);
        }

        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddPipelineDsl(pipelines);
        return builder;
    }

    /// <summary>Registers the generated pipelines as a <see cref="PipelineCatalog"/>.</summary>
    public static IServiceCollection AddPipelineDsl(this IServiceCollection services, IEnumerable<IPipelineDefinition> pipelines)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new PipelineCatalog(pipelines));
        return services;
    }
}
