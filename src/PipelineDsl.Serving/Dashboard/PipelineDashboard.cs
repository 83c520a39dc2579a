using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PipelineDsl.Runtime;

namespace PipelineDsl.Serving.Dashboard;

/// <summary>
/// The dashboard of a pipeline's store (the <c>ui</c> verb): server-rendered HTML pages with inline SVG and no script
/// or external asset: <c>/</c> runs and model versions, <c>/versions/{n}</c> a version's lineage and audit rows,
/// <c>/pipeline</c> the DAG, <c>/drift</c> drift over time from the prediction log. Read-only; loopback only.
/// </summary>
public static class PipelineDashboard
{
    private const string Html = "text/html; charset=utf-8";

    /// <summary>Builds the dashboard; start it with <c>RunAsync</c> or <c>StartAsync</c>.</summary>
    /// <exception cref="ArgumentException">An address is not a loopback http address (the dashboard has no authentication).</exception>
    public static WebApplication Build(IPipelineDefinition pipeline, DashboardOptions options, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var url in options.Urls)
        {
            if (!IsLoopback(url))
            {
                throw new ArgumentException(
                    $"the dashboard listens on loopback only (it has no authentication): '{url}' is not an http://127.0.0.1, http://[::1] or http://localhost address",
                    nameof(options));
            }
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "PipelineDsl.Dashboard" });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        logging?.Invoke(builder.Logging);
        var app = builder.Build();
        app.MapGet("/", () => Page(RunsPage.Render(pipeline, options)));
        app.MapGet("/pipeline", () => Page(PipelinePage.Render(pipeline)));
        app.MapGet("/drift", () => Page(DriftPage.Render(pipeline, options)));
        app.MapGet("/versions/{version:int}", (int version) =>
        {
            var (found, html) = VersionPage.Render(pipeline, options, version);
            return Page(html, found ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);
        });
        return app;
    }

    /// <summary>Whether <paramref name="url"/> is an http address on a loopback interface (port 0 allowed: a free one).</summary>
    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            return false;
        }

        return string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    private static IResult Page(string html, int status = StatusCodes.Status200OK) => Results.Content(html, Html, System.Text.Encoding.UTF8, status);
}
