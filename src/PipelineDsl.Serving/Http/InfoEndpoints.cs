using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PipelineDsl.Runtime;
using PipelineDsl.Serving.Metrics;
using PipelineDsl.Serving.Models;
using Prometheus;

namespace PipelineDsl.Serving.Http;

/// <summary>
/// <c>/health</c> (the process answers: liveness), <c>/ready</c> (a production model is loaded and passed its self-test:
/// readiness), <c>/metrics</c> (Prometheus text) and <c>/contract</c> (the fields a request carries, with their rules).
/// </summary>
internal static class InfoEndpoints
{
    public static void Map<TRow>(WebApplication app, PipelineDefinition<TRow> pipeline, ModelWatcher<TRow> watcher, ServingMetrics metrics)
    {
        var contract = Contract(pipeline);
        app.MapGet("/health", (HttpContext context) =>
        {
            var set = watcher.Current;
            return Json.WriteAsync(context, 200, new ReadyResponse("alive", pipeline.Name, set.Champion?.Version, set.Challenger?.Version, set.NotReadyReason));
        });
        app.MapGet("/ready", (HttpContext context) =>
        {
            var set = watcher.Current;
            return set.Champion is null
                ? Json.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, new ReadyResponse("not ready", pipeline.Name, null, null, set.NotReadyReason))
                : Json.WriteAsync(context, 200, new ReadyResponse("ready", pipeline.Name, set.Champion.Version, set.Challenger?.Version, null));
        });
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
        app.MapGet("/contract", (HttpContext context) => Json.WriteAsync(context, 200, contract));
    }

    private static ContractResponse Contract<TRow>(PipelineDefinition<TRow> pipeline)
    {
        var dataset = pipeline.Dataset;
        var fields = dataset.RequestColumns
            .Select(c => new ContractField(
                c.JsonName,
                c.Type switch
                {
                    ColumnType.String => "string",
                    ColumnType.Boolean => "boolean",
                    ColumnType.Int32 or ColumnType.Int64 => "integer",
                    ColumnType.DateTime => "date-time",
                    _ => "number",
                },
                c.Nullable,
                c.Minimum,
                c.Maximum,
                c.Categories,
                string.Equals(c.Header, c.Member, StringComparison.Ordinal) ? null : c.Header))
            .ToArray();
        var refused = dataset.Columns.Except(dataset.RequestColumns).Select(c => c.JsonName).ToArray();
        return new ContractResponse(pipeline.Name, dataset.Name, dataset.SchemaHash, pipeline.FeatureSet.Hash, fields, refused);
    }
}
