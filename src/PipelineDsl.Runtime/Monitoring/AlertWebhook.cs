using System.Text.Json;
using Polly;
using Polly.Retry;

namespace PipelineDsl.Runtime.Monitoring;

/// <summary>
/// Posts a report's alerts to a webhook as JSON (<c>{"pipeline", "version", "source", "alerts": [...]}</c>), retrying
/// transient failures three times with backoff (Polly). Nothing is posted when there is no alert.
/// </summary>
public static class AlertWebhook
{
    private static readonly ResiliencePipeline<HttpResponseMessage> Retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == System.Net.HttpStatusCode.TooManyRequests),
        })
        .Build();

    /// <summary>Posts the alerts of <paramref name="report"/> to <paramref name="url"/>; returns the final status code, or null when there was nothing to send.</summary>
    /// <exception cref="HttpRequestException">The webhook could not be reached after the retries.</exception>
    public static async Task<int?> SendAsync(HttpClient client, Uri url, MonitorReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(report);
        if (report.Alerts.Count == 0)
        {
            return null;
        }

        var body = Payload(report);
        using var response = await Retry.ExecuteAsync(
            async ct => await client.PostAsync(url, new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } }, ct),
            cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>The JSON the webhook receives.</summary>
    public static byte[] Payload(MonitorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("pipeline", report.Pipeline);
            w.WriteNumber("version", report.Version);
            w.WriteString("source", report.Source);
            w.WriteStartArray("alerts");
            foreach (var alert in report.Alerts)
            {
                WriteAlert(w, alert);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Writes one alert as a JSON object.</summary>
    public static void WriteAlert(Utf8JsonWriter w, MonitorAlert alert)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(alert);
        w.WriteStartObject();
        w.WriteString("kind", alert.Kind);
        w.WriteNumber("window", alert.Window);
        if (alert.WindowStart is { } start)
        {
            w.WriteString("windowStart", start);
        }

        if (alert.WindowEnd is { } end)
        {
            w.WriteString("windowEnd", end);
        }

        w.WriteString("subject", alert.Subject);
        w.WriteString("rule", alert.Rule);
        WriteNumber(w, "value", alert.Value);
        WriteNumber(w, "threshold", alert.Threshold);
        w.WriteString("action", alert.Action.ToString());
        w.WriteString("message", alert.Message);
        w.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
