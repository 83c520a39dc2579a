using Prometheus;

namespace PipelineDsl.Serving.Metrics;

/// <summary>
/// What <c>/metrics</c> exposes, in the Prometheus text format (prometheus-net, one registry per server so that several
/// servers in one process never share counters): requests by endpoint and status, request latency, predictions and
/// prediction errors by arm, the versions served, rollout weights, swaps, rollbacks, shadow comparisons, and the
/// prediction log's written and dropped entries.
/// </summary>
internal sealed class ServingMetrics
{
    public ServingMetrics(string model, string deployment)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Registry.SetStaticLabels(new Dictionary<string, string> { ["model"] = model, ["deployment"] = deployment });
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        Requests = factory.CreateCounter("pipelinedsl_requests_total", "HTTP requests by endpoint and status code.", "endpoint", "status");
        RequestDuration = factory.CreateHistogram(
            "pipelinedsl_request_duration_seconds",
            "Time from reading the request to writing the response, by endpoint.",
            new HistogramConfiguration { LabelNames = ["endpoint"], Buckets = Histogram.ExponentialBuckets(0.00005, 2, 16) });
        Predictions = factory.CreateCounter("pipelinedsl_predictions_total", "Rows scored, by arm and model version.", "arm", "version");
        PredictionErrors = factory.CreateCounter("pipelinedsl_prediction_errors_total", "Rows a model failed to score, by arm.", "arm");
        ModelVersion = factory.CreateGauge("pipelinedsl_model_version", "The version served in each slot (0: none).", "slot");
        RolloutWeight = factory.CreateGauge("pipelinedsl_rollout_weight", "The share of traffic each arm receives, in percent.", "arm");
        Swaps = factory.CreateCounter("pipelinedsl_model_swaps_total", "Hot swaps of the production model.");
        LoadFailures = factory.CreateCounter("pipelinedsl_model_load_failures_total", "Versions that failed to load or self-test and were not served.");
        Rollbacks = factory.CreateCounter("pipelinedsl_rollbacks_total", "Automatic and manual rollbacks of a challenger.");
        ShadowComparisons = factory.CreateCounter("pipelinedsl_shadow_comparisons_total", "Requests the shadow challenger also scored.");
        ShadowDisagreements = factory.CreateCounter("pipelinedsl_shadow_disagreements_total", "Shadow comparisons where the predicted label differed.");
        ShadowAbsoluteDifference = factory.CreateHistogram(
            "pipelinedsl_shadow_score_difference",
            "Absolute difference between the champion's and the shadow challenger's probability (score for regression).",
            new HistogramConfiguration { Buckets = [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1] });
        ShadowDropped = factory.CreateCounter("pipelinedsl_shadow_dropped_total", "Shadow comparisons dropped because the shadow queue was full.");
        LogWritten = factory.CreateCounter("pipelinedsl_prediction_log_written_total", "Prediction log entries written.");
        LogDropped = factory.CreateCounter("pipelinedsl_prediction_log_dropped_total", "Prediction log entries dropped because the log queue was full.");
        Ready = factory.CreateGauge("pipelinedsl_ready", "1 when a production model is loaded and passed its self-test.");
    }

    public CollectorRegistry Registry { get; }

    public Counter Requests { get; }

    public Histogram RequestDuration { get; }

    public Counter Predictions { get; }

    public Counter PredictionErrors { get; }

    public Gauge ModelVersion { get; }

    public Gauge RolloutWeight { get; }

    public Counter Swaps { get; }

    public Counter LoadFailures { get; }

    public Counter Rollbacks { get; }

    public Counter ShadowComparisons { get; }

    public Counter ShadowDisagreements { get; }

    public Histogram ShadowAbsoluteDifference { get; }

    public Counter ShadowDropped { get; }

    public Counter LogWritten { get; }

    public Counter LogDropped { get; }

    public Gauge Ready { get; }

    /// <summary>Publishes the versions in each slot (0 for an empty slot).</summary>
    public void SetVersions(int? champion, int? challenger)
    {
        ModelVersion.WithLabels("champion").Set(champion ?? 0);
        ModelVersion.WithLabels("challenger").Set(challenger ?? 0);
        Ready.Set(champion is null ? 0 : 1);
    }

    /// <summary>Publishes the rollout weights.</summary>
    public void SetWeights(double challengerPercent)
    {
        RolloutWeight.WithLabels("champion").Set(100 - challengerPercent);
        RolloutWeight.WithLabels("challenger").Set(challengerPercent);
    }
}
