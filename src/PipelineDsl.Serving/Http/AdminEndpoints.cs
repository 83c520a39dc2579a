using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PipelineDsl.Serving.Models;
using PipelineDsl.Serving.Rollouts;

namespace PipelineDsl.Serving.Http;

/// <summary>
/// <c>/admin/*</c>: reload the registry now, roll back the challenger, switch blue/green, set canary weights, read the
/// rollout. Every call needs the <c>X-Api-Key</c> header to match the configured key (compared in constant time);
/// without a configured key the endpoints answer 403 and do nothing.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map<TRow>(WebApplication app, ServingOptions options, ModelWatcher<TRow> watcher, RolloutRouter<TRow> router)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter(async (context, next) =>
        {
            var refusal = Authorize(context.HttpContext, options.AdminKey);
            if (refusal is not null)
            {
                await Json.WriteAsync(context.HttpContext, refusal.Value.Status, new ErrorResponse(refusal.Value.Message));
                return null;
            }

            return await next(context);
        });

        admin.MapGet("/rollout", (HttpContext context) => Json.WriteAsync(context, 200, router.Status()));
        admin.MapPost("/reload", (HttpContext context) =>
        {
            watcher.Refresh();
            return Json.WriteAsync(context, 200, router.Status());
        });
        admin.MapPost("/rollback", async (HttpContext context) =>
        {
            var body = await ReadAsync(context, ServingJsonContext.Default.RollbackRequest);
            await Answer(context, router.Rollback("by an admin" + (body?.Reason is { Length: > 0 } why ? ": " + why : "")), router);
        });
        admin.MapPost("/switch/green", (HttpContext context) => Answer(context, router.Switch(toGreen: true), router));
        admin.MapPost("/switch/blue", (HttpContext context) => Answer(context, router.Switch(toGreen: false), router));
        admin.MapPost("/weights", async (HttpContext context) =>
        {
            var body = await ReadAsync(context, ServingJsonContext.Default.WeightsRequest);
            await Answer(context, body is null ? "send {\"challengerPercent\": N}" : router.SetWeight(body.ChallengerPercent), router);
        });
    }

    private static Task Answer<TRow>(HttpContext context, string? refusal, RolloutRouter<TRow> router) =>
        refusal is null
            ? Json.WriteAsync(context, 200, router.Status())
            : Json.WriteAsync(context, StatusCodes.Status409Conflict, new ErrorResponse(refusal));

    private static async Task<T?> ReadAsync<T>(HttpContext context, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
        where T : class
    {
        try
        {
            return context.Request.ContentLength is 0 or null && !context.Request.Headers.ContainsKey("Transfer-Encoding")
                ? null
                : await JsonSerializer.DeserializeAsync(context.Request.Body, info, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (int Status, string Message)? Authorize(HttpContext context, string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return (StatusCodes.Status403Forbidden, $"admin endpoints are disabled: start serve with --admin-key-file or {ServingOptions.AdminKeyEnvironmentVariable}");
        }

        var given = context.Request.Headers["X-Api-Key"].ToString();
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)),
            SHA256.HashData(Encoding.UTF8.GetBytes(key)))
            ? null
            : (StatusCodes.Status401Unauthorized, "a valid X-Api-Key header is required");
    }
}
