using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PipelineDsl.Serving.Metrics;

namespace PipelineDsl.Serving.Logging;

/// <summary>
/// The prediction log: every scored row goes through a bounded in-memory queue to append-only JSON-lines files, one per
/// hour (<c>predictions-yyyyMMdd-HH.jsonl</c>), written by this background service, never on the request path. When
/// the queue is full the entry is dropped and counted in <c>pipelinedsl_prediction_log_dropped_total</c>: a slow disk
/// never slows or fails a prediction, and a loss is never silent. Monitoring reads these files.
/// </summary>
internal sealed class PredictionLog : BackgroundService
{
    private readonly Channel<PredictionLogEntry> _queue;
    private readonly string _model;
    private readonly IReadOnlyList<string> _featureNames;
    private readonly ServingMetrics _metrics;
    private readonly ILogger<PredictionLog> _logger;

    public PredictionLog(string directory, string model, IReadOnlyList<string> featureNames, int capacity, ServingMetrics metrics, ILogger<PredictionLog> logger)
    {
        Directory = directory;
        _model = model;
        _featureNames = featureNames;
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<PredictionLogEntry>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>The folder the files are written to.</summary>
    public string Directory { get; }

    /// <summary>Queues an entry; when the queue is full, drops it and counts the drop.</summary>
    public void Write(PredictionLogEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry))
        {
            _metrics.LogDropped.Inc();
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        FileStream? file = null;
        string? fileName = null;
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        try
        {
            while (await WaitAsync(stoppingToken))
            {
                var written = 0;
                buffer.ResetWrittenCount();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    while (written < 4096 && _queue.Reader.TryRead(out var entry))
                    {
                        var name = FileName(entry.Timestamp);
                        if (name != fileName)
                        {
                            // An hour turned: finish the old file with what was buffered for it first.
                            writer.Flush();
                            await FlushAsync(file, buffer);
                            file?.Dispose();
                            fileName = name;
                            file = new FileStream(Path.Combine(Directory, name), FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
                        }

                        WriteEntry(writer, entry);
                        writer.Flush();
                        writer.Reset();
                        buffer.Write("\n"u8);
                        written++;
                    }
                }

                await FlushAsync(file, buffer);
                _metrics.LogWritten.Inc(written);
            }
        }
        catch (IOException e)
        {
            _logger.LogError("the prediction log stopped writing to {Directory}: {Reason}; further entries are dropped and counted", Directory, e.Message);
            _queue.Writer.TryComplete();
            while (await _queue.Reader.WaitToReadAsync(CancellationToken.None) && _queue.Reader.TryRead(out _))
            {
                _metrics.LogDropped.Inc();
            }
        }
        finally
        {
            file?.Dispose();
        }
    }

    /// <summary>Stops accepting entries and writes what is queued before the host stops.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await _queue.Reader.WaitToReadAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: drain what is already queued, then end.
            return _queue.Reader.Count > 0;
        }
    }

    private static async Task FlushAsync(FileStream? file, ArrayBufferWriter<byte> buffer)
    {
        if (file is null || buffer.WrittenCount == 0)
        {
            return;
        }

        await file.WriteAsync(buffer.WrittenMemory);
        await file.FlushAsync();
        buffer.ResetWrittenCount();
    }

    private static string FileName(DateTime timestamp) =>
        "predictions-" + timestamp.ToString("yyyyMMdd-HH", CultureInfo.InvariantCulture) + ".jsonl";

    private void WriteEntry(Utf8JsonWriter w, PredictionLogEntry entry)
    {
        w.WriteStartObject();
        w.WriteString("ts", entry.Timestamp);
        w.WriteString("predictionId", entry.PredictionId);
        w.WriteString("model", _model);
        w.WriteNumber("version", entry.Version);
        w.WriteString("arm", entry.Arm);
        w.WriteNumber("latencyUs", Math.Round(entry.LatencyMicroseconds, 1));
        w.WritePropertyName("input");
        w.WriteRawValue(entry.Input.Span, skipInputValidation: true);
        w.WriteStartObject("features");
        for (var i = 0; i < entry.Features.Length && i < _featureNames.Count; i++)
        {
            WriteFloat(w, _featureNames[i], entry.Features[i]);
        }

        w.WriteEndObject();
        WriteFloat(w, "score", entry.Score);
        if (entry.Probability is { } probability)
        {
            WriteFloat(w, "probability", probability);
        }

        if (entry.PredictedLabel is { } label)
        {
            w.WriteBoolean("predictedLabel", label);
        }

        if (entry.ChampionScore is { } championScore)
        {
            WriteFloat(w, "championScore", championScore);
        }

        w.WriteEndObject();
    }

    private static void WriteFloat(Utf8JsonWriter w, string name, float value)
    {
        if (float.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
