using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PipelineDsl.Runtime;
using PipelineDsl.Serving;

namespace PipelineDsl.IntegrationTests.Serving;

/// <summary>The serving app built by <see cref="PipelineServing"/> on a free loopback port, with a client for it.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessServer(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<InProcessServer> StartAsync(IPipelineDefinition pipeline, ServingOptions options)
    {
        var app = PipelineServing.Build(pipeline, options with { Urls = ["http://127.0.0.1:0"] }, logging => logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(app.Urls.First()) };
        var ready = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await client.GetAsync("/ready")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < ready, "the server did not become ready in 60 s");
            await Task.Delay(100);
        }

        return new InProcessServer(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
