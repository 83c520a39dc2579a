using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace PipelineDsl.Hosting;

/// <summary>
/// The command line, with System.CommandLine: <c>run</c>, <c>step</c>, <c>plan</c>, <c>runs</c> (and <c>runs compare</c>),
/// <c>models</c>, <c>predict</c>, <c>promote</c>, <c>rollback</c>, <c>audit</c>, <c>reproduce</c>, <c>gc</c>,
/// <c>data log</c>/<c>data diff</c>, <c>card</c> and <c>report</c>.
/// </summary>
public static class PipelineCli
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen verb against the host's pipelines.</summary>
    /// <returns>The process exit code (see <see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunPipelineCliAsync(this IHost host, string[] args)
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            // Logs and CI capture lines whole: never wrap them at a guessed terminal width.
            console.Profile.Width = 1000;
        }

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        System.Console.CancelKeyPress += onCancel;
        try
        {
            return await RunAsync(host.Services, args, console, System.Console.Out, cancellation.Token);
        }
        finally
        {
            System.Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs the CLI with an explicit console, for tests and embedding.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, IAnsiConsole console, TextWriter output, CancellationToken cancellationToken)
    {
        var context = new CliContext(
            services.GetRequiredService<PipelineCatalog>(),
            services.GetRequiredService<ILoggerFactory>(),
            console,
            output);
        var root = BuildRootCommand(context);
        var parse = root.Parse(args);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliUsageException e)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]cancelled[/]");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException)
        {
            // A verb that cannot do its work (no such version, features changed, a corrupt artifact, history not
            // retained): one line that says why, not a stack trace.
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>Builds the command tree.</summary>
    internal static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand("PipelineDsl: run, inspect and use the pipelines declared in this project.");
        root.Options.Add(CliOptions.Store);
        root.Options.Add(CliOptions.Artifacts);
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(StepCommand.Create(context));
        root.Subcommands.Add(PlanCommand.Create(context));
        root.Subcommands.Add(RunsCommand.Create(context));
        root.Subcommands.Add(ModelsCommand.Create(context));
        root.Subcommands.Add(PredictCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(MonitorCommand.Create(context));
        root.Subcommands.Add(LabelsCommand.Create(context));
        root.Subcommands.Add(WatchCommand.Create(context));
        root.Subcommands.Add(PromoteCommand.Create(context));
        root.Subcommands.Add(RollbackCommand.Create(context));
        root.Subcommands.Add(AuditCommand.Create(context));
        root.Subcommands.Add(ReproduceCommand.Create(context));
        root.Subcommands.Add(GcCommand.Create(context));
        root.Subcommands.Add(DataCommand.Create(context));
        root.Subcommands.Add(CardCommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        root.Subcommands.Add(UiCommand.Create(context));
        return root;
    }
}
