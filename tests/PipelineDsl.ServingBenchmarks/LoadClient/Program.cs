using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace PipelineDsl.ServingBenchmarks.LoadClient;

/// <summary>
/// Open-loop fixed-rate load: request k is due at start + k/rps whatever the server does, sent over a fixed pool of
/// connections; a request's latency runs from its due time (so time spent waiting for a free connection or behind a
/// late scheduler counts: coordinated omission corrected). The first --warmup seconds are sent but not recorded.
/// Prints one JSON object.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var url = new Option<string>("--url") { Description = "Target URL (POST).", Required = true };
        var rps = new Option<double>("--rps") { Description = "Requests per second.", DefaultValueFactory = _ => 1000 };
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds.", DefaultValueFactory = _ => 20 };
        var connections = new Option<int>("--connections") { Description = "Connections (MaxConnectionsPerServer).", DefaultValueFactory = _ => 16 };
        var body = new Option<FileInfo>("--body") { Description = "File with the JSON body.", Required = true };
        var warmup = new Option<double>("--warmup") { Description = "Seconds sent first and not recorded.", DefaultValueFactory = _ => 3 };
        var drain = new Option<double>("--drain")
        {
            Description = "Seconds to wait after the last due time for outstanding requests; those still open are cancelled and counted as errors (unfinished).",
            DefaultValueFactory = _ => 10,
        };

        var root = new RootCommand("Open-loop fixed-rate HTTP POST load generator (coordinated-omission corrected).")
        {
            url, rps, seconds, connections, body, warmup, drain,
        };
        root.SetAction(parse => Run(new Settings(
            new Uri(parse.GetValue(url)!),
            parse.GetValue(rps),
            parse.GetValue(seconds),
            parse.GetValue(connections),
            File.ReadAllBytes(parse.GetValue(body)!.FullName),
            parse.GetValue(warmup),
            parse.GetValue(drain))).GetAwaiter().GetResult());
        return root.Parse(args).Invoke();
    }

    private sealed record Settings(Uri Url, double Rps, double Seconds, int Connections, byte[] Body, double Warmup, double Drain);

    private static async Task<int> Run(Settings s)
    {
        if (s.Rps <= 0 || s.Seconds <= 0 || s.Connections <= 0 || s.Warmup < 0)
        {
            Console.Error.WriteLine("--rps, --seconds and --connections must be positive, --warmup not negative");
            return 2;
        }

        ThreadPool.SetMinThreads(Math.Max(8, Environment.ProcessorCount * 2), Math.Max(8, Environment.ProcessorCount * 2));
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = s.Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var contentType = new MediaTypeHeaderValue("application/json");

        var warmupCount = (long)Math.Round(s.Warmup * s.Rps);
        var measuredCount = (long)Math.Round(s.Seconds * s.Rps);
        var total = warmupCount + measuredCount;
        var latencyTicks = new long[measuredCount];   // from due time to response read; -1: failed
        var sendDelayTicks = new long[measuredCount]; // from due time to the moment SendAsync was called
        Array.Fill(latencyTicks, -1);
        long errors = 0, non2xx = 0, unfinished = 0, lastCompletion = 0;
        var tasks = new Task[total];
        using var cancel = new CancellationTokenSource();

        var ticksPerRequest = Stopwatch.Frequency / s.Rps;
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100; // 10 ms to settle
        var measuredStart = start + (long)(warmupCount * ticksPerRequest);

        async Task SendOne(long k, long due)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, s.Url)
                {
                    Content = new ByteArrayContent(s.Body) { Headers = { ContentType = contentType } },
                };
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancel.Token).ConfigureAwait(false);
                _ = await response.Content.ReadAsByteArrayAsync(cancel.Token).ConfigureAwait(false);
                var done = Stopwatch.GetTimestamp();
                if (k < warmupCount)
                {
                    return;
                }

                var i = k - warmupCount;
                InterlockedMax(ref lastCompletion, done);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref non2xx);
                    return;
                }

                latencyTicks[i] = done - due;
                sendDelayTicks[i] = sent - due;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                if (k >= warmupCount)
                {
                    Interlocked.Increment(ref unfinished);
                }
            }
            catch (Exception)
            {
                if (k >= warmupCount)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }

        // The schedule: fire every request whose due time has come (a late scheduler catches up in a burst, and
        // the lateness is counted), then sleep until the next due time.
        for (long k = 0; k < total; k++)
        {
            var due = start + (long)(k * ticksPerRequest);
            SleepUntil(due);
            tasks[k] = SendOne(k, due);
        }

        var scheduleEnd = Stopwatch.GetTimestamp();
        var all = Task.WhenAll(tasks);
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(s.Drain))).ConfigureAwait(false) != all)
        {
            cancel.Cancel();
        }

        try
        {
            await all.ConfigureAwait(false);
        }
        catch
        {
            // Counted per request.
        }

        var ok = latencyTicks.Where(t => t >= 0).Order().ToArray();
        var delays = sendDelayTicks.Where((t, i) => latencyTicks[i] >= 0).Order().ToArray();
        var completed = ok.Length + non2xx;
        var window = Math.Max(Volatile.Read(ref lastCompletion), scheduleEnd) - measuredStart;
        double Ms(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 3);
        double Pct(long[] sorted, double q) => sorted.Length == 0 ? double.NaN : Ms(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)]);

        using var stdout = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("url", s.Url.ToString());
            json.WriteNumber("rps_target", s.Rps);
            json.WriteNumber("rps_achieved", Math.Round(completed / (window / (double)Stopwatch.Frequency), 1));
            json.WriteNumber("seconds", s.Seconds);
            json.WriteNumber("connections", s.Connections);
            json.WriteNumber("requests", measuredCount);
            json.WriteNumber("ok", ok.Length);
            WriteNumberOrNull(json, "p50_ms", Pct(ok, 0.50));
            WriteNumberOrNull(json, "p90_ms", Pct(ok, 0.90));
            WriteNumberOrNull(json, "p99_ms", Pct(ok, 0.99));
            WriteNumberOrNull(json, "p999_ms", Pct(ok, 0.999));
            WriteNumberOrNull(json, "max_ms", ok.Length == 0 ? double.NaN : Ms(ok[^1]));
            json.WriteNumber("errors", errors + unfinished);
            json.WriteNumber("unfinished", unfinished);
            json.WriteNumber("non2xx", non2xx);
            // How late the client itself sent (scheduler and thread-pool lag, included in the latencies above).
            WriteNumberOrNull(json, "send_lag_p50_ms", Pct(delays, 0.50));
            WriteNumberOrNull(json, "send_lag_p99_ms", Pct(delays, 0.99));
            json.WriteEndObject();
        }

        Console.WriteLine();
        return 0;
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsNaN(value))
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, value);
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>
    /// Sleeps until the Stopwatch timestamp <paramref name="due"/> without spinning (the client shares a small
    /// machine with the server): nanosleep on Linux (tens of microseconds of slack), Thread.Sleep elsewhere.
    /// </summary>
    private static void SleepUntil(long due)
    {
        while (true)
        {
            var remaining = due - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            var nanoseconds = (long)(remaining * (1e9 / Stopwatch.Frequency));
            if (OperatingSystem.IsLinux())
            {
                var ts = new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
                _ = NativeMethods.nanosleep(ref ts, IntPtr.Zero);
            }
            else
            {
                Thread.Sleep(TimeSpan.FromTicks(Math.Max(1, nanoseconds / 100)));
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int nanosleep(ref Timespec request, IntPtr remaining);
    }
}
