using Microsoft.AspNetCore.Http;

namespace PipelineDsl.Serving.Http;

/// <summary>Writes a response body with the source-generated <see cref="ServingJsonContext"/>.</summary>
internal static class Json
{
    public static Task WriteAsync<T>(HttpContext context, int status, T value)
    {
        context.Response.StatusCode = status;
        var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)ServingJsonContext.Default.GetTypeInfo(typeof(T))!;
        return context.Response.WriteAsJsonAsync(value, info, contentType: "application/json", context.RequestAborted);
    }
}
