using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace PipelineDsl.Hosting;

/// <summary>What the verbs that run a web app (<c>serve</c>, <c>ui</c>) share: logging like every verb's, and running until stopped.</summary>
internal static class WebVerb
{
    /// <summary>One line per entry on standard error, like every verb's logs; standard output keeps what the verb prints.</summary>
    public static void ConsoleLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    /// <summary>Starts <paramref name="app"/>, prints <paramref name="started"/> (given the bound addresses), and runs until Ctrl+C, SIGTERM or cancellation.</summary>
    public static async Task<int> RunUntilStoppedAsync(WebApplication app, CliContext context, Func<string, string> started, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        context.Out.WriteLine(started(string.Join(", ", app.Urls)));
        await context.Out.FlushAsync(CancellationToken.None);
        try
        {
            await app.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None);
        return ExitCodes.Success;
    }
}
