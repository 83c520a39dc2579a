using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Data;
using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Prediction;
using PipelineDsl.Serving.Logging;
using PipelineDsl.Serving.Metrics;
using PipelineDsl.Serving.Models;
using PipelineDsl.Serving.Rollouts;

namespace PipelineDsl.Serving.Http;

/// <summary>
/// <c>POST /predict</c> and <c>POST /predict/batch</c>: read the body, parse and validate it into rows with the dataset's
/// generated code, route each row (champion, challenger, shadow), score it through the one generated feature path,
/// log it off the request path, and answer. A challenger that fails to score a row is counted against it and the
/// champion answers instead, so a bad challenger costs its canary, not the caller.
/// </summary>
internal sealed class PredictionHandler<TRow>(
    PipelineDefinition<TRow> pipeline,
    DeploymentDefinition deployment,
    ModelWatcher<TRow> watcher,
    RolloutRouter<TRow> router,
    ShadowScorer<TRow>? shadow,
    PredictionLog? log,
    ServingMetrics metrics,
    ServingOptions options)
{
    /// <summary>The failpoint a test sets (<c>serve:challenger=io</c>) to make the challenger fail every row.</summary>
    public const string ChallengerFailpoint = "serve:challenger";

    private readonly RequestParser<TRow> _parser = new(pipeline.Dataset, options.MaxBatchRows);
    private readonly string? _assignmentField = AssignmentField(pipeline.Dataset, deployment);

    public async Task PredictAsync(HttpContext context)
    {
        if (await BeginAsync(context) is not { } begun)
        {
            return;
        }

        var (set, body) = begun;

        var errors = new List<FieldError>();
        PredictionResponse response;
        try
        {
            if (!_parser.TryParseOne(body.Buffer, errors, out var row, out var input))
            {
                await BadRequestAsync(context, errors);
                return;
            }

            response = Score(set, row, input, context.TraceIdentifier, AssignmentKey(context, input));
        }
        finally
        {
            context.Request.BodyReader.AdvanceTo(body.Buffer.End);
        }

        await Json.WriteAsync(context, StatusCodes.Status200OK, response);
    }

    public async Task PredictBatchAsync(HttpContext context)
    {
        if (await BeginAsync(context) is not { } begun)
        {
            return;
        }

        var (set, body) = begun;

        var errors = new List<FieldError>();
        PredictionResponse[] predictions;
        try
        {
            if (!_parser.TryParseBatch(body.Buffer, errors, out var rows, out var inputs))
            {
                await BadRequestAsync(context, errors);
                return;
            }

            predictions = new PredictionResponse[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                predictions[i] = Score(set, rows[i], inputs[i], context.TraceIdentifier + "/" + i.ToString(CultureInfo.InvariantCulture), AssignmentKey(context, inputs[i]));
            }
        }
        finally
        {
            context.Request.BodyReader.AdvanceTo(body.Buffer.End);
        }

        await Json.WriteAsync(context, StatusCodes.Status200OK, new BatchPredictionResponse(pipeline.Name, predictions));
    }

    /// <summary>The models to use and the whole body; null after answering 503 (nothing to serve with) or 413 itself.</summary>
    private async Task<(ModelSet<TRow> Set, ReadResult Body)?> BeginAsync(HttpContext context)
    {
        var set = watcher.Current;
        if (set.Champion is null)
        {
            await Json.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, new ErrorResponse(set.NotReadyReason ?? "no model is loaded"));
            return null;
        }

        return await ReadBodyAsync(context) is { } body ? (set, body) : null;
    }

    private PredictionResponse Score(ModelSet<TRow> set, TRow row, ReadOnlyMemory<byte> input, string predictionId, string? assignmentKey)
    {
        var route = router.Choose(set, assignmentKey);
        var model = route.Model;
        var arm = route.Arm;
        var features = log is null ? [] : new float[model.Predictor.FeatureCount];
        var start = Stopwatch.GetTimestamp();
        Prediction prediction;
        if (arm == Arm.Challenger)
        {
            try
            {
                Failpoints.Hit(ChallengerFailpoint);
                prediction = model.Predictor.Predict(row, features);
                router.RecordChallenger(Stopwatch.GetElapsedTime(start).TotalMilliseconds, false, Value(prediction), prediction.PredictedLabel);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                router.RecordChallenger(Stopwatch.GetElapsedTime(start).TotalMilliseconds, true, 0, null);
                metrics.PredictionErrors.WithLabels(Arm.Challenger).Inc();
                model = set.Champion!;
                arm = Arm.ChampionFallback;
                prediction = model.Predictor.Predict(row, features);
            }
        }
        else
        {
            prediction = model.Predictor.Predict(row, features);
            router.RecordChampion(Value(prediction), prediction.PredictedLabel);
        }

        var latency = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        metrics.Predictions.WithLabels(arm, model.VersionLabel).Inc();
        if (route.Shadow is { } challenger)
        {
            shadow?.Enqueue(challenger, row, prediction, input, predictionId);
        }

        log?.Write(new PredictionLogEntry(
            DateTime.UtcNow, predictionId, arm, model.Version, latency, input, features, prediction.Score, prediction.Probability, prediction.PredictedLabel));
        return new PredictionResponse(predictionId, pipeline.Name, model.Version, arm, prediction.Score, prediction.Probability, prediction.PredictedLabel);
    }

    /// <summary>The value a canary compares across arms: the probability for classification, else the score.</summary>
    private static float Value(Prediction prediction) => prediction.Probability ?? prediction.Score;

    /// <summary>Reads the whole body (Kestrel enforces the size limit); null after answering 413/400 itself.</summary>
    private async Task<ReadResult?> ReadBodyAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(context.RequestAborted);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return result;
                }

                if (result.Buffer.Length > options.MaxRequestBodyBytes)
                {
                    reader.AdvanceTo(result.Buffer.End);
                    await Json.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, new ErrorResponse($"the body is larger than {options.MaxRequestBodyBytes} bytes"));
                    return null;
                }

                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }
        }
        catch (BadHttpRequestException e)
        {
            await Json.WriteAsync(context, e.StatusCode, new ErrorResponse(e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"the body is larger than {options.MaxRequestBodyBytes} bytes"
                : "the request body could not be read"));
            return null;
        }
    }

    private static Task BadRequestAsync(HttpContext context, List<FieldError> errors) =>
        Json.WriteAsync(context, StatusCodes.Status400BadRequest, new ErrorResponse("invalid request", errors, context.TraceIdentifier));

    /// <summary>The A/B key: the <c>X-Assignment-Key</c> header, else the assignment member's value in the row.</summary>
    private string? AssignmentKey(HttpContext context, ReadOnlyMemory<byte> input)
    {
        if (deployment.Rollout != PipelineDsl.RolloutStrategy.AbTest)
        {
            return null;
        }

        if (context.Request.Headers.TryGetValue("X-Assignment-Key", out var header) && header.Count > 0 && !string.IsNullOrEmpty(header[0]))
        {
            return header[0];
        }

        return _assignmentField is null || input.IsEmpty ? null : FieldText(input.Span, _assignmentField);
    }

    private static string? AssignmentField(DatasetDefinition<TRow> dataset, DeploymentDefinition deployment)
    {
        var column = deployment.AssignmentMember is { } member
            ? dataset.Columns.FirstOrDefault(c => c.Member == member)
            : dataset.Columns.FirstOrDefault(c => (c.Role & ColumnRole.Key) != 0);
        return column?.JsonName;
    }

    /// <summary>The raw text of a top-level field of a validated row object (a string's value, a number's digits).</summary>
    private static string? FieldText(ReadOnlySpan<byte> row, string field)
    {
        var reader = new Utf8JsonReader(row);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, field, StringComparison.OrdinalIgnoreCase))
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            }

            reader.Skip();
        }

        return null;
    }
}
