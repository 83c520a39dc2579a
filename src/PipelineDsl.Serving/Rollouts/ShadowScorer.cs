using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using PipelineDsl.Runtime.Prediction;
using PipelineDsl.Serving.Logging;
using PipelineDsl.Serving.Metrics;
using PipelineDsl.Serving.Models;

namespace PipelineDsl.Serving.Rollouts;

/// <summary>
/// Shadow rollout: the challenger scores a copy of each request after the champion answered, on this background
/// service and never on the response path. Each comparison is counted (agreement of predicted labels, absolute score
/// difference) and logged with arm <c>shadow</c> and the champion's score. A full queue drops copies and counts them.
/// </summary>
internal sealed class ShadowScorer<TRow>(ServingMetrics metrics, PredictionLog? log) : BackgroundService
{
    private readonly Channel<ShadowWork> _queue = Channel.CreateBounded<ShadowWork>(new BoundedChannelOptions(8192)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    /// <summary>Queues a comparison.</summary>
    public void Enqueue(ServedModel<TRow> challenger, TRow row, Prediction champion, ReadOnlyMemory<byte> input, string predictionId)
    {
        if (!_queue.Writer.TryWrite(new ShadowWork(challenger, row, champion, input, predictionId)))
        {
            metrics.ShadowDropped.Inc();
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                Compare(work);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Compare(ShadowWork work)
    {
        var features = log is null ? [] : new float[work.Challenger.Predictor.FeatureCount];
        var start = Stopwatch.GetTimestamp();
        Prediction shadow;
        try
        {
            shadow = work.Challenger.Predictor.Predict(work.Row, features);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            metrics.PredictionErrors.WithLabels(Arm.Shadow).Inc();
            return;
        }

        var latency = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        metrics.ShadowComparisons.Inc();
        metrics.Predictions.WithLabels(Arm.Shadow, work.Challenger.VersionLabel).Inc();
        if (shadow.PredictedLabel != work.Champion.PredictedLabel)
        {
            metrics.ShadowDisagreements.Inc();
        }

        var championValue = work.Champion.Probability ?? work.Champion.Score;
        var shadowValue = shadow.Probability ?? shadow.Score;
        metrics.ShadowAbsoluteDifference.Observe(Math.Abs(championValue - shadowValue));
        log?.Write(new PredictionLogEntry(
            DateTime.UtcNow, work.PredictionId, Arm.Shadow, work.Challenger.Version, latency, work.Input, features,
            shadow.Score, shadow.Probability, shadow.PredictedLabel, work.Champion.Score));
    }

    private sealed record ShadowWork(ServedModel<TRow> Challenger, TRow Row, Prediction Champion, ReadOnlyMemory<byte> Input, string PredictionId);
}
