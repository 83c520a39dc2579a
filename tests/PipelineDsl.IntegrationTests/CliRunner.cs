using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PipelineDsl.Hosting;
using PipelineDsl.Runtime;
using Spectre.Console;

namespace PipelineDsl.IntegrationTests;

/// <summary>Runs the CLI in-process exactly as a sample's Program.cs does, capturing what it prints.</summary>
internal static class CliRunner
{
    public sealed record CliResult(int ExitCode, string Output, string Console)
    {
        public string All => Console + "\n" + Output;
    }

    public static async Task<CliResult> RunAsync(IPipelineDefinition pipeline, params string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddPipelineDsl([pipeline]);
        using var host = builder.Build();
        var output = new StringWriter();
        var consoleText = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(consoleText),
        });
        console.Profile.Width = 200;
        var code = await PipelineCli.RunAsync(host.Services, args, console, output, CancellationToken.None);
        return new CliResult(code, output.ToString(), consoleText.ToString());
    }
}
