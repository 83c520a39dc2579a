using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Runtime.Monitoring;

/// <summary>Where <c>monitor</c> reads from and what it measures against.</summary>
/// <param name="Store">The store (the version's profile, its model for a batch file).</param>
/// <param name="Version">The version to compare with; null for the production version.</param>
/// <param name="LogDirectory">The serving prediction log folder (default: <c>predictions/{pipeline}</c> in the store).</param>
/// <param name="InputCsv">A batch file of rows to score and monitor instead of the log (its labels, when present, count as arrived).</param>
/// <param name="Since">Only log entries at or after this time.</param>
/// <param name="Monitor">Overrides the declared monitor (null keeps it).</param>
public sealed record MonitorOptions(string Store, int? Version, string? LogDirectory, string? InputCsv, DateTime? Since = null, MonitorDefinition? Monitor = null);

/// <summary>Runs the monitor of a pipeline over its prediction log or a batch file.</summary>
public static class PipelineMonitor
{
    /// <summary>The default prediction log folder of <paramref name="pipeline"/> in <paramref name="store"/>.</summary>
    public static string DefaultLogDirectory(PipelineStore store, string pipeline) => Path.Combine(store.Artifacts.StorePath, "predictions", pipeline);

    /// <summary>Monitors <paramref name="pipeline"/> as <paramref name="options"/> say.</summary>
    /// <exception cref="InvalidOperationException">No such version, no profile, or nothing to read.</exception>
    public static MonitorReport Run<TRow>(PipelineDefinition<TRow> pipeline, MonitorOptions options, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        ModelVersionRecord record;
        ReferenceProfile profile;
        string logDirectory;
        using (var store = PipelineStore.Open(options.Store))
        {
            record = (options.Version is { } v ? store.GetModelVersion(pipeline.Name, v) : store.GetStageVersion(pipeline.Name, ModelStages.Production))
                ?? throw new InvalidOperationException(options.Version is null
                    ? $"no version of {pipeline.Name} is in production; pass --version N to monitor another"
                    : $"{pipeline.Name} has no version {options.Version}");
            profile = LoadProfile(store, record);
            logDirectory = options.LogDirectory ?? DefaultLogDirectory(store, pipeline.Name);
        }

        var monitor = options.Monitor ?? pipeline.Monitor;
        if (options.InputCsv is { } csv)
        {
            var (rows, invalid) = ScoreFile(pipeline, options.Store, record.Version, csv);
            return DriftMonitor.Run(profile, monitor, rows, invalid, record.Version, csv, now);
        }

        var read = PredictionLogReader.Read(logDirectory, pipeline.FeatureSet.Features.Select(f => f.Name).ToArray(), options.Since);
        var labels = DelayedLabels.Read(logDirectory);
        var logged = read.Entries
            .Select(e => new MonitorRow(e.Timestamp, e.Features, e.Prediction, labels.TryGetValue(e.PredictionId, out var label) ? label : null))
            .ToArray();
        return DriftMonitor.Run(profile, monitor, logged, null, record.Version, logDirectory, now);
    }

    /// <summary>The profile a version was registered with.</summary>
    public static ReferenceProfile LoadProfile(PipelineStore store, ModelVersionRecord record)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(record);
        if (!record.Lineage.TryGetValue(ReferenceProfile.LineageKey, out var hash) || !store.Artifacts.Contains(hash))
        {
            throw new InvalidOperationException(
                $"{record.Name} v{record.Version} has no reference profile (versions registered before monitoring existed have none); retrain to monitor it");
        }

        return ReferenceProfile.FromJson(File.ReadAllBytes(store.Artifacts.PathOf(hash)));
    }

    /// <summary>Scores a batch file through the version's predictor; refused lines count as invalid rows of the window they fall in.</summary>
    private static (MonitorRow[] Rows, int[] Invalid) ScoreFile<TRow>(PipelineDefinition<TRow> pipeline, string store, int version, string csv)
    {
        var dataset = pipeline.Dataset;
        var load = dataset.ReadCsv(csv);
        var errors = new Data.DataErrorCollector(csv, Math.Max(1, load.Rows.Length));
        dataset.Validate(load.Rows, load.LineNumbers, errors);
        var refusedLines = errors.ToReport().Errors.Select(e => e.Line).ToHashSet();
        var hasLabels = dataset.Columns.Any(c => (c.Role & ColumnRole.Label) != 0);
        using var predictor = pipeline.LoadPredictor(store, version);
        var rows = new List<MonitorRow>(load.Rows.Length);
        var invalid = new List<int>(load.Rows.Length);
        var previousLine = 1;
        for (var i = 0; i < load.Rows.Length; i++)
        {
            var line = load.LineNumbers[i];
            if (refusedLines.Contains(line))
            {
                continue;
            }

            var features = new float[predictor.FeatureCount];
            var prediction = predictor.Predict(load.Rows[i], features);
            rows.Add(new MonitorRow(
                dataset.HasTimestamp ? dataset.GetTimestamp(load.Rows[i]) : null,
                features,
                prediction.Probability ?? prediction.Score,
                hasLabels ? dataset.GetLabel(load.Rows[i]) : null));

            // Every line between two scored rows was refused (by the reader or by a rule).
            invalid.Add(Math.Max(0, line - previousLine - 1));
            previousLine = line;
        }

        return (rows.ToArray(), invalid.ToArray());
    }
}
