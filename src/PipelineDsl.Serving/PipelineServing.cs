using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Monitoring;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Serving.Http;
using PipelineDsl.Serving.Logging;
using PipelineDsl.Serving.Metrics;
using PipelineDsl.Serving.Models;
using PipelineDsl.Serving.Rollouts;

namespace PipelineDsl.Serving;

/// <summary>
/// Builds the prediction service of a pipeline: an ASP.NET Core minimal API (Kestrel) with <c>/predict</c>,
/// <c>/predict/batch</c>, <c>/health</c>, <c>/ready</c>, <c>/metrics</c>, <c>/contract</c> and the key-protected
/// <c>/admin</c> endpoints, serving the registry's production version (and staging challenger) under the deployment's
/// rollout strategy. The <c>serve</c> verb and generated serving projects both call this.
/// </summary>
public static class PipelineServing
{
    /// <summary>Builds the service for <paramref name="pipeline"/>; start it with <c>RunAsync</c> or <c>StartAsync</c>.</summary>
    /// <exception cref="InvalidOperationException">The deployment named in <paramref name="options"/> is not declared.</exception>
    public static WebApplication Build(IPipelineDefinition pipeline, ServingOptions options, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        return pipeline.Accept(new Builder(options, logging));
    }

    /// <summary>The deployment to serve: the one named, the only one declared, or the default direct deployment.</summary>
    public static DeploymentDefinition ResolveDeployment<TRow>(PipelineDefinition<TRow> pipeline, string? name)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (name is not null)
        {
            return pipeline.Deployments.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal))
                ?? throw new InvalidOperationException(
                    $"pipeline {pipeline.Name} declares no deployment '{name}'" +
                    (pipeline.Deployments.Count == 0 ? "." : $"; declared: {string.Join(", ", pipeline.Deployments.Select(d => d.Name))}."));
        }

        return pipeline.Deployments.Count switch
        {
            0 => DeploymentDefinition.Default(pipeline.Name),
            1 => pipeline.Deployments[0],
            _ => throw new InvalidOperationException(
                $"pipeline {pipeline.Name} declares several deployments; choose one with --deployment: {string.Join(", ", pipeline.Deployments.Select(d => d.Name))}."),
        };
    }

    /// <summary>The default prediction log folder: <c>predictions/{pipeline}</c> in the store folder (the artifacts folder of a server store).</summary>
    public static string DefaultPredictionLogDirectory(string store, string pipeline)
    {
        using var opened = PipelineStore.Open(store);
        return PipelineMonitor.DefaultLogDirectory(opened, pipeline);
    }

    private sealed class Builder(ServingOptions options, Action<ILoggingBuilder>? logging) : IPipelineDefinitionVisitor<WebApplication>
    {
        public WebApplication Visit<TRow>(PipelineDefinition<TRow> pipeline)
        {
            var deployment = ResolveDeployment(pipeline, options.Deployment);
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "PipelineDsl.Serving" });
            builder.WebHost.UseUrls([.. options.Urls]);
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            });
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
            logging?.Invoke(builder.Logging);

            var services = builder.Services;
            var metrics = new ServingMetrics(pipeline.Name, deployment.Name);
            services.AddSingleton(pipeline);
            services.AddSingleton(deployment);
            services.AddSingleton(options);
            services.AddSingleton(metrics);
            services.AddSingleton<ModelWatcher<TRow>>();
            services.AddHostedService(sp => sp.GetRequiredService<ModelWatcher<TRow>>());
            services.AddSingleton<RolloutRouter<TRow>>();
            services.AddHostedService(sp => sp.GetRequiredService<RolloutRouter<TRow>>());
            if (options.LogPredictions)
            {
                var directory = options.PredictionLogDirectory ?? DefaultPredictionLogDirectory(options.Store, pipeline.Name);
                var names = pipeline.FeatureSet.Features.Select(f => f.Name).ToArray();
                services.AddSingleton(sp => new PredictionLog(
                    directory, pipeline.Name, names, options.PredictionLogCapacity, metrics, sp.GetRequiredService<ILogger<PredictionLog>>()));
                services.AddHostedService(sp => sp.GetRequiredService<PredictionLog>());
            }

            if (deployment.Rollout == RolloutStrategy.Shadow)
            {
                services.AddSingleton(sp => new ShadowScorer<TRow>(metrics, sp.GetService<PredictionLog>()));
                services.AddHostedService(sp => sp.GetRequiredService<ShadowScorer<TRow>>());
            }

            services.AddSingleton(sp => new PredictionHandler<TRow>(
                pipeline,
                deployment,
                sp.GetRequiredService<ModelWatcher<TRow>>(),
                sp.GetRequiredService<RolloutRouter<TRow>>(),
                sp.GetService<ShadowScorer<TRow>>(),
                sp.GetService<PredictionLog>(),
                metrics,
                options));

            var app = builder.Build();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PipelineDsl.Serving");
            app.Use(async (context, next) =>
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await next(context);
                }
                catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
                {
                    // Never a stack trace in a response: the log has it, the caller gets the request id to find it.
                    logger.LogError(e, "request {RequestId} failed", context.TraceIdentifier);
                    context.Response.Clear();
                    await Json.WriteAsync(context, StatusCodes.Status500InternalServerError, new ErrorResponse("internal error", null, context.TraceIdentifier));
                }
                finally
                {
                    var endpoint = EndpointLabel(context.Request.Path);
                    metrics.Requests.WithLabels(endpoint, StatusText(context.Response.StatusCode)).Inc();
                    metrics.RequestDuration.WithLabels(endpoint).Observe(Stopwatch.GetElapsedTime(start).TotalSeconds);
                }
            });

            var handler = app.Services.GetRequiredService<PredictionHandler<TRow>>();
            app.MapPost("/predict", handler.PredictAsync);
            app.MapPost("/predict/batch", handler.PredictBatchAsync);
            var watcher = app.Services.GetRequiredService<ModelWatcher<TRow>>();
            InfoEndpoints.Map(app, pipeline, watcher, metrics);
            AdminEndpoints.Map(app, options, watcher, app.Services.GetRequiredService<RolloutRouter<TRow>>());
            return app;
        }
    }

    private static readonly string[] StatusTexts = Enumerable.Range(0, 600).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static string StatusText(int status) => status is >= 0 and < 600 ? StatusTexts[status] : status.ToString(CultureInfo.InvariantCulture);

    private static string EndpointLabel(PathString path) => path.Value switch
    {
        "/predict" => "/predict",
        "/predict/batch" => "/predict/batch",
        "/ready" => "/ready",
        "/health" => "/health",
        "/metrics" => "/metrics",
        "/contract" => "/contract",
        { } p when p.StartsWith("/admin/", StringComparison.Ordinal) => "/admin",
        _ => "other",
    };
}
