using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Monitoring;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>monitor</c>: compares the serving prediction log (or a batch file) with the version's training profile, window by
/// window: data quality, drift of every feature and of the prediction, decay once labels arrived. Alerts go to the
/// output, to the exit code (4) and to a webhook.
/// </summary>
internal static class MonitorCommand
{
    public static Command Create(CliContext context)
    {
        var pipeline = CliOptions.Pipeline();
        var version = new Option<int?>("--version") { Description = "The version to compare with (default: the production version)." };
        var log = new Option<string?>("--log") { Description = "Prediction log folder (default: predictions/<pipeline> in the store)." };
        var input = new Option<string?>("--input", "-i") { Description = "A batch CSV to score and monitor instead of the log (its labels count as arrived)." };
        var since = new Option<DateTime?>("--since") { Description = "Only log entries at or after this UTC time." };
        var window = new Option<string?>("--window") { Description = "Override the declared window: 'N rows' or a duration ('1 hour')." };
        var webhook = CliOptions.Webhook();
        var json = CliOptions.Json();
        var html = new Option<string?>("--html")
        {
            Description = "Also write the drift report to this HTML file (self-contained: histograms per feature, PSI per window, alerts) and print its path.",
        };
        var command = new Command("monitor", "Data quality, drift and decay of the served model, window by window, against its training profile.")
        {
            pipeline, version, log, input, since, window, webhook, json, html,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var definition = context.Catalog.Resolve(parse.GetValue(pipeline));
            var options = new MonitorOptions(
                CliOptions.StorePath(parse),
                parse.GetValue(version),
                parse.GetValue(log) is { } l ? Path.GetFullPath(l) : null,
                parse.GetValue(input) is { } i ? Path.GetFullPath(i) : null,
                parse.GetValue(since) is { } s ? DateTime.SpecifyKind(s, DateTimeKind.Utc) : null);
            var monitor = new Monitor(options, parse.GetValue(window));
            var report = await Task.Run(() => definition.Accept(monitor), cancellationToken);
            await Output(context, report, parse.GetValue(json), CliOptions.WebhookUri(parse, webhook), cancellationToken);
            if (parse.GetValue(html) is { } htmlFile)
            {
                var path = WriteHtml(options.Store, report, monitor.PsiThreshold, htmlFile);
                if (parse.GetValue(json))
                {
                    // Standard output holds the JSON document alone.
                    context.Console.MarkupLine($"drift report written to {Markup.Escape(path)}");
                }
                else
                {
                    context.Out.WriteLine(path);
                }
            }

            return report.Alerts.Count == 0 ? ExitCodes.Success : ExitCodes.Alert;
        });
        return command;
    }

    /// <summary>Prints the report (and posts its alerts); shared with <c>watch</c>.</summary>
    internal static async Task Output(CliContext context, MonitorReport report, bool json, Uri? webhook, CancellationToken cancellationToken)
    {
        if (json)
        {
            context.Out.WriteLine(JsonOutput.Write(w => WriteJson(w, report)));
        }
        else
        {
            context.Out.WriteLine($"# {report.Pipeline} v{report.Version}: {report.Windows.Count} windows from {report.Source}");
            foreach (var window in report.Windows)
            {
                var span = window.Start is { } a && window.End is { } b ? $" [{a:yyyy-MM-ddTHH:mm:ssZ} .. {b:yyyy-MM-ddTHH:mm:ssZ}]" : "";
                var decay = window.Decay is { Live: { } live } d ? $", live {d.Metric} {live.ToString("0.####", CultureInfo.InvariantCulture)} ({d.LabelledRows} labelled)" : "";
                context.Out.WriteLine($"window {window.Number}{span}: {window.Rows} rows{decay}: {(window.Alerts.Count == 0 ? "ok" : window.Alerts.Count + " alerts")}");
                foreach (var alert in window.Alerts)
                {
                    context.Out.WriteLine($"  ALERT {alert.Kind} {alert.Subject} {alert.Rule}: {alert.Message} -> {alert.Action}");
                }
            }

            var skewed = report.Skew.Where(c => c.Drifted).ToArray();
            context.Out.WriteLine(skewed.Length == 0
                ? "skew check (whole period vs training, same feature code): no feature diverges"
                : "skew check (whole period vs training, same feature code): the input data differs for " +
                  string.Join(", ", skewed.Select(c => $"{c.Name} ({string.Join("; ", c.Reasons.Select(r => r.Text))})")));
            context.Out.WriteLine(report.Alerts.Count == 0 ? "no alerts" : $"{report.Alerts.Count} alerts");
        }

        if (webhook is not null && report.Alerts.Count > 0)
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            try
            {
                var status = await AlertWebhook.SendAsync(client, webhook, report, cancellationToken);
                context.Console.MarkupLine($"alerts posted to {Markup.Escape(webhook.ToString())}: HTTP {status}");
            }
            catch (HttpRequestException e)
            {
                context.Console.MarkupLine($"[red]the webhook {Markup.Escape(webhook.ToString())} could not be reached:[/] {Markup.Escape(e.Message)}");
            }
        }
    }

    /// <summary>Writes the HTML drift report of <paramref name="report"/> (against its version's profile) to <paramref name="file"/>; returns the full path.</summary>
    internal static string WriteHtml(string storePath, MonitorReport report, double? psiThreshold, string file)
    {
        ReferenceProfile profile;
        using (var store = PipelineDsl.Runtime.Store.PipelineStore.Open(storePath))
        {
            var record = store.GetModelVersion(report.Pipeline, report.Version)
                ?? throw new CliUsageException($"{report.Pipeline} has no version {report.Version.ToString(CultureInfo.InvariantCulture)}");
            profile = PipelineMonitor.LoadProfile(store, record);
        }

        var path = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        CardCommand.WriteAtomically(path, PipelineDsl.Runtime.Reports.DriftReport.Render(report, profile, psiThreshold));
        return path;
    }

    private static void WriteJson(Utf8JsonWriter w, MonitorReport report)
    {
        w.WriteStartObject();
        w.WriteString("pipeline", report.Pipeline);
        w.WriteNumber("version", report.Version);
        w.WriteString("source", report.Source);
        w.WriteStartArray("windows");
        foreach (var window in report.Windows)
        {
            w.WriteStartObject();
            w.WriteNumber("number", window.Number);
            w.WriteNumber("rows", window.Rows);
            JsonOutput.WriteNumber(w, "invalidRate", window.Quality.InvalidRate);
            w.WriteStartObject("features");
            foreach (var column in window.Features.Append(window.Prediction))
            {
                w.WriteStartObject(column.Name);
                JsonOutput.WriteNumber(w, "psi", column.Psi);
                JsonOutput.WriteNumber(w, "js", column.JensenShannon);
                if (column.KsPValue is { } ks)
                {
                    JsonOutput.WriteNumber(w, "ksPValue", ks);
                }

                if (column.Wasserstein is { } wd)
                {
                    JsonOutput.WriteNumber(w, "wasserstein", wd);
                }

                if (column.ChiSquarePValue is { } chi)
                {
                    JsonOutput.WriteNumber(w, "chiSquarePValue", chi);
                }

                w.WriteBoolean("drifted", column.Drifted);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            if (window.Decay is { } decay)
            {
                w.WriteStartObject("decay");
                w.WriteString("metric", decay.Metric);
                w.WriteNumber("labelledRows", decay.LabelledRows);
                if (decay.Live is { } live)
                {
                    JsonOutput.WriteNumber(w, "live", live);
                }

                w.WriteBoolean("decayed", decay.Decayed);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("alerts");
        foreach (var alert in report.Alerts)
        {
            AlertWebhook.WriteAlert(w, alert);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Runs the monitor with the row type; a --window override replaces the declared window only.</summary>
    internal sealed class Monitor(MonitorOptions options, string? window) : IPipelineDefinitionVisitor<MonitorReport>
    {
        /// <summary>The declared PSI threshold of the pipeline the last visit monitored (the drift report draws it).</summary>
        public double? PsiThreshold { get; private set; }

        public MonitorReport Visit<TRow>(PipelineDefinition<TRow> pipeline)
        {
            PsiThreshold = (options.Monitor ?? pipeline.Monitor).MaxPsi;
            var effective = options;
            if (window is not null)
            {
                (int Rows, TimeSpan Duration) parsed;
                try
                {
                    parsed = MonitorWindowSpec.Parse(window);
                }
                catch (FormatException e)
                {
                    throw new CliUsageException(e.Message);
                }

                effective = options with { Monitor = pipeline.Monitor with { WindowRows = parsed.Rows, WindowDuration = parsed.Duration } };
            }

            return PipelineMonitor.Run(pipeline, effective, DateTime.UtcNow);
        }
    }
}
