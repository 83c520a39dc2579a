using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PipelineDsl.Runtime.Execution;
using Spectre.Console;

namespace PipelineDsl.Hosting;

/// <summary>
/// Shows node progress: a Spectre.Console progress bar per node on an interactive terminal, one line per node
/// otherwise; every event is also a structured log entry.
/// </summary>
internal sealed partial class NodeProgressObserver(ILogger logger, IAnsiConsole console, ProgressContext? progress, IReadOnlyList<string> nodeOrder)
    : IPipelineObserver
{
    private readonly ConcurrentDictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates the bars (interactive terminals only), in topological order.</summary>
    public void CreateBars()
    {
        if (progress is null)
        {
            return;
        }

        foreach (var id in nodeOrder)
        {
            var task = progress.AddTask(Markup.Escape(id), autoStart: false, maxValue: 1);
            _tasks[id] = task;
        }
    }

    /// <inheritdoc />
    public void OnNodeStarting(string nodeId)
    {
        LogNodeStarting(logger, nodeId);
        if (_tasks.TryGetValue(nodeId, out var task))
        {
            task.StartTask();
            task.IsIndeterminate = true;
        }
    }

    /// <inheritdoc />
    public void OnNodeCompleted(string nodeId, TimeSpan elapsed, string summary)
    {
        LogNodeCompleted(logger, nodeId, elapsed.TotalMilliseconds, summary);
        if (_tasks.TryGetValue(nodeId, out var task))
        {
            task.IsIndeterminate = false;
            task.Description = Markup.Escape($"{nodeId}: {summary}");
            task.Value = 1;
            task.StopTask();
        }
        else if (CachedNode.IsCached(summary))
        {
            WriteLine($"[blue]cached[/] {Markup.Escape(nodeId),-26} {Markup.Escape(summary[CachedNode.SummaryPrefix.Length..])}");
        }
        else
        {
            WriteLine($"[green]done[/] {Markup.Escape(nodeId),-28} {Markup.Escape(summary)} [grey]({elapsed.TotalSeconds:0.00} s)[/]");
        }
    }

    /// <inheritdoc />
    public void OnNodeFailed(string nodeId, TimeSpan elapsed, string reason)
    {
        var skipped = reason.StartsWith("skipped", StringComparison.Ordinal);
        if (skipped)
        {
            LogNodeSkipped(logger, nodeId, reason);
        }
        else
        {
            LogNodeFailed(logger, nodeId, elapsed.TotalMilliseconds, reason);
        }

        var firstLine = reason.Split('\n', 2)[0];
        if (_tasks.TryGetValue(nodeId, out var task))
        {
            task.IsIndeterminate = false;
            task.Description = Markup.Escape($"{nodeId}: {firstLine}");
            task.StopTask();
        }
        else
        {
            WriteLine(skipped
                ? $"[grey]skip {Markup.Escape(nodeId),-28} {Markup.Escape(firstLine)}[/]"
                : $"[red]fail[/] {Markup.Escape(nodeId),-28} {Markup.Escape(firstLine)}");
        }
    }

    /// <inheritdoc />
    public void OnNodeProgress(string nodeId, string message)
    {
        if (_tasks.TryGetValue(nodeId, out var task))
        {
            task.Description = Markup.Escape($"{nodeId}: {message}");
        }
        else
        {
            lock (_gate)
            {
                console.Write(new Text($"     {nodeId,-28} {message}{Environment.NewLine}", new Style(Color.Grey)));
            }
        }
    }

    private void WriteLine(string markup)
    {
        lock (_gate)
        {
            console.MarkupLine(markup);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "node {NodeId} starting")]
    private static partial void LogNodeStarting(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId} completed in {ElapsedMs:0} ms: {Summary}")]
    private static partial void LogNodeCompleted(ILogger logger, string nodeId, double elapsedMs, string summary);

    [LoggerMessage(Level = LogLevel.Debug, Message = "node {NodeId} {Reason}")]
    private static partial void LogNodeSkipped(ILogger logger, string nodeId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {NodeId} failed after {ElapsedMs:0} ms: {Reason}")]
    private static partial void LogNodeFailed(ILogger logger, string nodeId, double elapsedMs, string reason);
}
