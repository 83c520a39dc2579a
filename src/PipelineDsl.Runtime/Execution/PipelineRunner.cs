using System.Globalization;
using Microsoft.ML;
using PipelineDsl.Runtime.Data;
using PipelineDsl.Runtime.Evaluation;
using PipelineDsl.Runtime.Monitoring;
using PipelineDsl.Runtime.Graph;
using PipelineDsl.Runtime.Prediction;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Temporal;
using PipelineDsl.Runtime.Training;

namespace PipelineDsl.Runtime.Execution;

/// <summary>
/// Runs one pipeline end to end against the store: ingest, validate, snapshot, features, split, train, evaluate,
/// gate and register, as the generated DAG orders them, recording the run, its nodes, params, metrics, gate
/// verdicts, the dataset snapshot and the registered model version with its lineage.
/// </summary>
internal sealed class PipelineRunner<TRow>
{
    private readonly PipelineDefinition<TRow> _pipeline;
    private readonly PipelineRunOptions _options;
    private readonly IPipelineObserver? _observer;

    public PipelineRunner(PipelineDefinition<TRow> pipeline, PipelineRunOptions options, IPipelineObserver? observer)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        _pipeline = pipeline;
        _options = options;
        _observer = observer;
    }

    public async Task<PipelineRunResult> RunAsync(CancellationToken cancellationToken)
    {
        using var store = PipelineStore.Open(_options.StorePath);
        store.Artifacts.RemoveAbandonedTempFiles();
        string runId;
        if (_options.ResumeRunId is { } resumed)
        {
            store.ResumeRun(resumed);
            runId = resumed;
        }
        else if (_options.RunId is { } joined)
        {
            store.JoinRun(joined, _pipeline.Name);
            runId = joined;
        }
        else
        {
            runId = store.CreateRun(_pipeline.Name);
        }

        var state = new RunState(store, runId);
        PipelineRunResult Finish(PipelineRunStatus status, string message)
        {
            // What this run (or the interrupted run it resumed) stored but nothing references is deleted now, not leaked.
            store.RemoveUnreferencedArtifacts(runId);
            store.FinishRun(runId, PipelineRunStatusNames.Of(status), message);
            return new PipelineRunResult(runId, status, state.Metrics, status is PipelineRunStatus.Succeeded or PipelineRunStatus.FailedGate ? state.ModelVersion : null, message)
            {
                GateVerdicts = state.Verdicts,
                CachedNodes = state.CachedNodes,
            };
        }

        try
        {
            foreach (var dataset in Datasets())
            {
                var source = ResolveSource(dataset, out var tried);
                if (source is null)
                {
                    return Finish(PipelineRunStatus.FailedValidation, tried);
                }

                state.Datasets[dataset.Name] = new DatasetState(dataset, source);
            }

            state.SourcePath = state.Datasets[_pipeline.Dataset.Name].SourcePath;
            foreach (var dataset in state.Datasets.Values)
            {
                dataset.SourceHash = HashFile(dataset.SourcePath);
            }

            var sourceHashes = state.Datasets.ToDictionary(d => d.Key, d => d.Value.SourceHash!, StringComparer.Ordinal);
            // A no-regression gate judges against whatever is in production now: its verdict is cached per champion.
            var champion = _pipeline.Gates.Any(g => g.Kind == GateKind.NoRegression)
                ? store.GetStageVersion(_pipeline.Name, ModelStages.Production)?.ArtifactHash ?? "none"
                : null;
            var keys = NodeCacheKeys.Compute(_pipeline, sourceHashes, champion);
            var cached = new Dictionary<string, NodeCacheEntry>(StringComparer.Ordinal);
            if (!_options.Force || _options.OnlyNode is not null)
            {
                foreach (var node in _pipeline.Graph.Nodes)
                {
                    if (store.FindCachedNode(keys[node.Id]) is { } entry && entry.Artifacts.All(store.Artifacts.Contains))
                    {
                        cached[node.Id] = entry;
                    }
                }
            }

            var graph = _pipeline.Graph;
            IPipelineObserver observer = new StoreRecordingObserver(store, runId, _observer);
            if (_options.OnlyNode is { } only)
            {
                if (_options.Force)
                {
                    cached.Remove(only);
                }

                var ancestors = graph.AncestorsOf(only);
                var missing = graph.TopologicalOrder.Where(id => ancestors.Contains(id) && !cached.ContainsKey(id)).ToArray();
                if (missing.Length > 0)
                {
                    return Finish(
                        PipelineRunStatus.Failed,
                        $"Node {only} needs outputs that are not in the step cache: run these steps first, in order: {string.Join(", ", missing)}.");
                }

                graph = graph.Restrict(new HashSet<string>(ancestors, StringComparer.Ordinal) { only });
                observer = new StepObserver(only, RecordedNodes(store, runId), observer, new StoreRecordingObserver(store, runId, inner: null));
            }

            state.CachedNodes = graph.Nodes.Count(n => cached.ContainsKey(n.Id));
            var actions = graph.Nodes.ToDictionary(
                n => n.Id,
                n => cached.TryGetValue(n.Id, out var entry)
                    ? RestoreAction(n, entry, state, restoreOutputs: Descendants(graph, n.Id).Any(d => !cached.ContainsKey(d)))
                    : RunAndRemember(n, keys[n.Id], state),
                StringComparer.Ordinal);
            var executor = new DagExecutor(graph, actions, observer, nodeTimeout: _options.NodeTimeout);
            DagExecutionResult result;
            try
            {
                result = await executor.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Finish(PipelineRunStatus.Cancelled, "The run was cancelled.");
            }

            var failures = result.Failures.ToArray();
            if (failures.FirstOrDefault(f => f.Error is DataValidationException) is { } invalid)
            {
                return Finish(PipelineRunStatus.FailedValidation, invalid.Error!.Message);
            }

            if (failures.FirstOrDefault() is { } failed)
            {
                return Finish(PipelineRunStatus.Failed, $"Node {failed.NodeId} failed: {failed.Error?.Message}");
            }

            if (!result.Succeeded)
            {
                return Finish(PipelineRunStatus.Failed, "Not every node completed: " +
                    string.Join(", ", result.Outcomes.Where(o => o.State != NodeState.Completed).Select(o => $"{o.NodeId} ({o.State})")));
            }

            if (_options.OnlyNode is { } step && RecordedNodes(store, runId).Count < _pipeline.Graph.Nodes.Count)
            {
                if (_options.RunId is null)
                {
                    // A step on its own is a run of its own, over once the step is.
                    return Finish(PipelineRunStatus.Succeeded, $"Step {step} completed.");
                }

                // One step of a run whose other nodes run in other processes: the run stays open until its last node completes.
                return new PipelineRunResult(runId, PipelineRunStatus.Running, state.Metrics, state.ModelVersion, $"Step {step} completed; run {runId} goes on.")
                {
                    GateVerdicts = state.Verdicts,
                    CachedNodes = state.CachedNodes,
                };
            }

            var upToDate = state.CachedNodes == _pipeline.Graph.Nodes.Count;
            if (!state.GatesPassed)
            {
                var failedRules = string.Join("; ", state.Verdicts.Where(v => !v.Passed).Select(v => v.Message));
                return Finish(
                    PipelineRunStatus.FailedGate,
                    $"Gate failed: {failedRules}." + (state.ModelVersion is { } failedVersion
                        ? $" Registered as {_pipeline.Name} v{failedVersion}, which can never be promoted."
                        : string.Empty));
            }

            return Finish(
                PipelineRunStatus.Succeeded,
                state.ModelVersion is { } version
                    ? (upToDate
                        ? $"Up to date: every node cached, {_pipeline.Name} v{version} is current: {Headline(state.Metrics)}"
                        : $"Registered {_pipeline.Name} v{version}: {Headline(state.Metrics)}")
                    : $"Completed (no register node): {Headline(state.Metrics)}");
        }
        catch (Exception ex)
        {
            return Finish(PipelineRunStatus.Failed, ex.Message);
        }
    }

    /// <summary>The headline metrics for a one-line message: the slice, fairness, join and backtest details (dotted names) left out.</summary>
    private static string Headline(IReadOnlyDictionary<string, double> metrics) =>
        ModelEvaluator.Summarize(metrics.Where(m => !m.Key.Contains('.', StringComparison.Ordinal)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal));

    /// <summary>The pipeline's dataset, then the datasets its feature set joins.</summary>
    private IEnumerable<IDatasetDefinition> Datasets() => new IDatasetDefinition[] { _pipeline.Dataset }.Concat(_pipeline.FeatureSet.JoinedDatasets);

    /// <summary>Finds the dataset's file: the override, else the declared default; a relative path is searched in the search paths.</summary>
    private string? ResolveSource(IDatasetDefinition dataset, out string failure)
    {
        var configured = _options.SourceOverrides.TryGetValue(dataset.Name, out var exact) ? exact
            : _options.SourceOverrides.FirstOrDefault(kv => string.Equals(kv.Key, dataset.Name, StringComparison.OrdinalIgnoreCase)).Value
            ?? dataset.DefaultSource;
        if (string.IsNullOrWhiteSpace(configured))
        {
            failure = $"Dataset {dataset.Name} has no source: declare one or pass --source {dataset.Name}=PATH.";
            return null;
        }

        var candidates = Path.IsPathRooted(configured)
            ? [configured]
            : _options.SourceSearchPaths.Select(folder => Path.GetFullPath(Path.Combine(folder, configured))).Distinct().ToList();
        if (candidates.Count == 0)
        {
            candidates.Add(Path.GetFullPath(configured));
        }

        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                failure = string.Empty;
                return candidate;
            }
        }

        failure = $"Source of dataset {dataset.Name} not found: '{configured}'. Tried: {string.Join(", ", candidates)}.";
        return null;
    }

    private static string HashFile(string path) => TransientIo.Run(() =>
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    });

    /// <summary>The nodes of the pipeline that completed (ran or were restored) in run <paramref name="runId"/>.</summary>
    private HashSet<string> RecordedNodes(PipelineStore store, string runId) =>
        (store.GetRun(runId)?.Nodes ?? [])
            .Where(n => n.Status is "completed" or "cached" && _pipeline.Graph.Nodes.Any(p => p.Id == n.NodeId))
            .Select(n => n.NodeId)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Every node of <paramref name="graph"/> downstream of <paramref name="id"/>.</summary>
    private static HashSet<string> Descendants(PipelineGraph graph, string id)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([id]);
        while (queue.Count > 0)
        {
            foreach (var edge in graph.Edges)
            {
                if (edge.From == queue.Peek() && found.Add(edge.To))
                {
                    queue.Enqueue(edge.To);
                }
            }

            queue.Dequeue();
        }

        return found;
    }

    /// <summary>Runs the node, then remembers its output under <paramref name="cacheKey"/> for later runs.</summary>
    private Func<CancellationToken, Task<string>> RunAndRemember(PipelineNode node, string cacheKey, RunState state)
    {
        var action = ActionFor(node, state);
        return async ct =>
        {
            Failpoints.Hit($"node:{node.Id}:start", ct);
            var summary = await action(ct).ConfigureAwait(false);
            Failpoints.Hit($"node:{node.Id}:end", ct);
            var (outputs, artifacts) = OutputsOf(node, state);
            state.Store.RecordCachedNode(new NodeCacheEntry(cacheKey, _pipeline.Name, node.Id, state.RunId, summary, outputs, artifacts));
            return summary;
        };
    }

    /// <summary>What a later run needs to restore <paramref name="node"/>'s output, and the artifacts that holds.</summary>
    private (Dictionary<string, string> Outputs, List<string> Artifacts) OutputsOf(PipelineNode node, RunState state)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var artifacts = new List<string>();
        void Artifact(string name, string hash)
        {
            outputs[name] = hash;
            artifacts.Add(hash);
        }

        switch (node.Kind)
        {
            case NodeKind.Snapshot:
                Artifact("data_hash", state.Datasets[node.Subject].DataHash!);
                break;
            case NodeKind.Features:
                Artifact("matrix", state.Store.PutArtifact(state.RunId, NodeOutputCodec.EncodeMatrix(state.Matrix!)));
                if (state.OnlineStateHash is { } online)
                {
                    Artifact("online_state", online);
                }

                outputs["metrics"] = NodeOutputCodec.ToJson(state.JoinMetrics);
                break;
            case NodeKind.Split:
                Artifact("split", state.Store.PutArtifact(state.RunId, NodeOutputCodec.EncodeSplit(state.Split!)));
                break;
            case NodeKind.Train:
                Artifact("model", state.ModelHash!);
                outputs["params"] = NodeOutputCodec.ToJson(state.Params);
                break;
            case NodeKind.Evaluate:
                outputs["metrics"] = NodeOutputCodec.ToJson(state.Metrics);
                break;
            case NodeKind.Backtest:
                outputs["folds"] = NodeOutputCodec.ToJson(state.FoldMetrics);
                break;
            case NodeKind.Register when state.ModelVersion is { } version:
                outputs["version"] = version.ToString(CultureInfo.InvariantCulture);
                break;
        }

        return (outputs, artifacts);
    }

    /// <summary>
    /// Restores a cached node instead of running it. Cheap outputs (metrics, verdicts, the version) are always restored;
    /// the rows, the feature matrix, the split and the model only when <paramref name="restoreOutputs"/> (a node
    /// downstream of this one runs and needs them).
    /// </summary>
    private Func<CancellationToken, Task<string>> RestoreAction(PipelineNode node, NodeCacheEntry entry, RunState state, bool restoreOutputs) => ct =>
    {
        ct.ThrowIfCancellationRequested();
        var outputs = entry.Outputs;
        byte[] Read(string name) => TransientIo.Run(() => File.ReadAllBytes(state.Store.Artifacts.PathOf(outputs[name])), ct);

        switch (node.Kind)
        {
            case NodeKind.Ingest when restoreOutputs && node.Subject == _pipeline.Dataset.Name:
                IngestMain(state, ct);
                break;
            case NodeKind.Ingest when restoreOutputs:
                Ingest(state.Datasets[node.Subject], ct);
                break;
            case NodeKind.Validate when restoreOutputs && node.Subject == _pipeline.Dataset.Name:
                ExtractLabels(state);
                break;
            case NodeKind.Snapshot:
                var dataset = state.Datasets[node.Subject];
                dataset.DataHash = outputs["data_hash"];
                if (ReferenceEquals(dataset.Definition, _pipeline.Dataset))
                {
                    state.Store.SetRunDataHash(state.RunId, dataset.DataHash);
                    state.DataHash = dataset.DataHash;
                }

                break;
            case NodeKind.Features:
                state.JoinMetrics = NodeOutputCodec.FromJson<Dictionary<string, double>>(outputs["metrics"]);
                if (state.JoinMetrics.Count > 0)
                {
                    state.Store.LogMetrics(state.RunId, state.JoinMetrics);
                }

                state.OnlineStateHash = outputs.GetValueOrDefault("online_state");
                if (restoreOutputs)
                {
                    state.Matrix = NodeOutputCodec.DecodeMatrix(Read("matrix"));
                }

                break;
            case NodeKind.Split when restoreOutputs:
                state.Split = NodeOutputCodec.DecodeSplit(Read("split"));
                break;
            case NodeKind.Train:
                state.Params = NodeOutputCodec.FromJson<Dictionary<string, string>>(outputs["params"]);
                state.Store.LogParams(state.RunId, state.Params);
                state.ModelHash = outputs["model"];
                if (restoreOutputs)
                {
                    state.Trainer = new ModelTrainer(_pipeline.Model, _pipeline.Split.Seed);
                    using var model = state.Store.Artifacts.Open(state.ModelHash);
                    state.Model = ModelTrainer.Load(state.Trainer.Context, model, out var schema);
                    state.InputSchema = schema;
                }

                break;
            case NodeKind.Evaluate:
                state.Metrics = NodeOutputCodec.FromJson<Dictionary<string, double>>(outputs["metrics"]);
                state.Store.LogMetrics(state.RunId, state.Metrics);
                break;
            case NodeKind.Backtest:
                state.FoldMetrics = NodeOutputCodec.FromJson<List<Dictionary<string, double>>>(outputs["folds"]);
                LogBacktestMetrics(state, state.FoldMetrics);
                break;
            case NodeKind.Gate:
                // The verdicts are a pure function of the restored metrics: judge them again and record them for this run.
                Gate(state, ct);
                break;
            case NodeKind.Register when outputs.TryGetValue("version", out var version):
                state.ModelVersion = int.Parse(version, CultureInfo.InvariantCulture);
                break;
        }

        return Task.FromResult(CachedNode.SummaryPrefix + entry.Summary);
    };

    private Func<CancellationToken, Task<string>> ActionFor(PipelineNode node, RunState state) => node.Kind switch
    {
        NodeKind.Ingest when node.Subject != _pipeline.Dataset.Name => ct => Task.FromResult(Ingest(state.Datasets[node.Subject], ct)),
        NodeKind.Validate when node.Subject != _pipeline.Dataset.Name => ct => Task.FromResult(ValidateJoined(state.Datasets[node.Subject], ct)),
        NodeKind.Snapshot when node.Subject != _pipeline.Dataset.Name => ct => Task.FromResult(SnapshotDataset(state, state.Datasets[node.Subject], ct)),
        NodeKind.Ingest => ct => Task.FromResult(IngestMain(state, ct)),
        NodeKind.Validate => ct => Task.FromResult(Validate(state, ct)),
        NodeKind.Snapshot => ct => Task.FromResult(SnapshotDataset(state, state.Datasets[node.Subject], ct)),
        NodeKind.Backtest => ct => Task.FromResult(Backtest(state, ct)),
        NodeKind.Features => ct => Task.FromResult(Features(state, ct)),
        NodeKind.Split => ct => Task.FromResult(SplitRows(state, ct)),
        NodeKind.Train => ct => Task.FromResult(Train(state, ct)),
        NodeKind.Evaluate => ct => Task.FromResult(Evaluate(state, ct)),
        NodeKind.Gate => ct => Task.FromResult(Gate(state, ct)),
        NodeKind.Register => ct => Task.FromResult(Register(state, ct)),
        _ => _ => throw new NotSupportedException($"Node {node.Id} has an unknown kind {node.Kind}."),
    };

    /// <summary>Reads one dataset with its generated reader; any bad cell, or no rows at all, fails validation.</summary>
    private static string Ingest(DatasetState dataset, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var name = dataset.Definition.Name;
        (Array Rows, int[] LineNumbers, DataErrorReport Errors) load;
        try
        {
            load = TransientIo.Run(() => dataset.Definition.ReadCsvUntyped(dataset.SourcePath), ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataValidationException($"Data validation failed for dataset {name}: {ex.Message}", ex);
        }

        if (!load.Errors.IsEmpty)
        {
            throw new DataValidationException($"Data validation failed for dataset {name} ({dataset.SourcePath}): {load.Errors.Format()}", load.Errors);
        }

        if (load.Rows.Length == 0)
        {
            throw new DataValidationException($"Data validation failed for dataset {name} ({dataset.SourcePath}): the file has no data rows.");
        }

        dataset.Rows = load.Rows;
        dataset.LineNumbers = load.LineNumbers;
        return $"{load.Rows.Length} rows";
    }

    private string IngestMain(RunState state, CancellationToken ct)
    {
        var dataset = state.Datasets[_pipeline.Dataset.Name];
        var summary = Ingest(dataset, ct);
        state.Rows = (TRow[])dataset.Rows!;
        state.LineNumbers = dataset.LineNumbers;
        return summary;
    }

    private static string ValidateJoined(DatasetState dataset, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var report = dataset.Definition.ValidateUntyped(dataset.Rows!, dataset.LineNumbers!, dataset.SourcePath);
        if (!report.IsEmpty)
        {
            throw new DataValidationException(
                $"Data validation failed for dataset {dataset.Definition.Name} ({dataset.SourcePath}): {report.Format()}", report);
        }

        return $"{dataset.Rows!.Length} rows valid";
    }

    private string Validate(RunState state, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var rows = state.Rows!;
        var errors = new DataErrorCollector(state.SourcePath);
        _pipeline.Dataset.Validate(rows, state.LineNumbers!, errors);
        var report = errors.ToReport();
        if (!report.IsEmpty)
        {
            throw new DataValidationException(
                $"Data validation failed for dataset {_pipeline.Dataset.Name} ({state.SourcePath}): {report.Format()}", report);
        }

        ExtractLabels(state);
        return $"{rows.Length} rows valid";
    }

    /// <summary>Every row's label and timestamp, for the split, training and evaluation.</summary>
    private void ExtractLabels(RunState state)
    {
        var rows = state.Rows!;
        var labels = new float[rows.Length];
        var timestamps = _pipeline.Dataset.HasTimestamp ? new DateTime[rows.Length] : [];
        for (var i = 0; i < rows.Length; i++)
        {
            labels[i] = _pipeline.Dataset.GetLabel(rows[i]);
            if (timestamps.Length > 0)
            {
                timestamps[i] = _pipeline.Dataset.GetTimestamp(rows[i]);
            }
        }

        state.Labels = labels;
        state.Timestamps = timestamps;
    }

    private string SnapshotDataset(RunState state, DatasetState dataset, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var hash = state.Store.PutArtifactFile(state.RunId, dataset.SourcePath, dataset.SourceHash!);
        var rows = dataset.Rows!.Length;
        state.Store.RecordDatasetVersion(hash, dataset.Definition.Name, dataset.SourcePath, rows, dataset.Definition.SchemaHash);

        // A version's schema and column statistics are computed once, from the stored snapshot: same bytes, same statistics.
        if (!state.Store.HasDatasetProfile(hash))
        {
            var definition = dataset.Definition;
            var profile = ColumnProfiler.Profile(state.Store.Artifacts.PathOf(hash), definition.Name, definition.Columns, definition.Delimiter, ct);
            state.Store.RecordDatasetProfile(hash, profile);
        }

        if (ReferenceEquals(dataset.Definition, _pipeline.Dataset))
        {
            state.Store.SetRunDataHash(state.RunId, hash);
            state.DataHash = hash;
        }

        dataset.DataHash = hash;
        return $"sha256:{hash[..12]} ({new FileInfo(dataset.SourcePath).Length} bytes, {rows} rows)";
    }

    private string Features(RunState state, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var rows = state.Rows!;
        var featureSet = _pipeline.FeatureSet;
        var k = featureSet.Count;
        var matrix = new float[checked(k * rows.Length)];
        var joined = featureSet.JoinedDatasets.Select(d => state.Datasets[d.Name].Rows!).ToArray();
        var featureState = featureSet.CreateState(joined);
        featureState.ComputeBatch(rows, matrix);
        state.Matrix = matrix;
        state.FeatureState = featureState;

        var summary = $"{k} features x {rows.Length} rows";
        if (featureSet.Windows.Count > 0)
        {
            summary += $", {featureSet.Windows.Count} windows";
        }

        if (featureSet.Windows.Count > 0)
        {
            // The online state after replaying every row: what serving starts from (content-addressed like the model).
            using var buffer = new MemoryStream();
            featureState.SaveWindows(buffer);
            state.OnlineStateHash = state.Store.PutArtifact(state.RunId, buffer.ToArray());
        }

        if (featureState.JoinReports.Count > 0)
        {
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var report in featureState.JoinReports)
            {
                metrics[$"join.{report.Dataset}.matched"] = report.Matched;
                metrics[$"join.{report.Dataset}.unknown_key"] = report.UnknownKey;
                metrics[$"join.{report.Dataset}.no_earlier_row"] = report.NoEarlierRow;
                metrics[$"join.{report.Dataset}.outside_tolerance"] = report.OutsideTolerance;
            }

            state.Store.LogMetrics(state.RunId, metrics);
            state.JoinMetrics = metrics;
            summary += "; as-of " + string.Join("; ", featureState.JoinReports);
        }

        return summary;
    }

    private string SplitRows(RunState state, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var split = _pipeline.Split;
        var strategy = DatasetSplitter.Resolve(split.Strategy, _pipeline.Model.Task, _pipeline.Dataset.HasTimestamp);
        if (strategy == SplitStrategy.Time && !_pipeline.Dataset.HasTimestamp)
        {
            throw new InvalidOperationException($"A time split needs a timestamp, and dataset {_pipeline.Dataset.Name} declares none.");
        }

        var result = DatasetSplitter.Split(strategy, split.HoldoutFraction, split.Seed, state.Labels!, state.Timestamps, strategy == SplitStrategy.Time ? split.TimeCutoff : null);
        if (result.Train.Length == 0 || result.Test.Length == 0)
        {
            throw new InvalidOperationException(
                $"The {strategy} split with holdout fraction {split.HoldoutFraction} leaves {result.Train.Length} training and {result.Test.Length} holdout rows; both must be non-empty.");
        }

        state.Split = result;
        var text = $"{strategy}: {result.Train.Length} train / {result.Test.Length} holdout";
        if (strategy == SplitStrategy.Time)
        {
            var cut = result.Test.Min(i => state.Timestamps[i]);
            text += $" (holdout from {cut:yyyy-MM-dd HH:mm:ss})";
        }

        return text;
    }

    private string Train(RunState state, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var model = _pipeline.Model;
        var split = state.Split!;
        var trainer = new ModelTrainer(model, _pipeline.Split.Seed);

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["task"] = model.Task.ToString(),
            ["trainer"] = model.Trainer.ToString(),
            ["split.strategy"] = split.Strategy.ToString(),
            ["split.declared_strategy"] = _pipeline.Split.Strategy.ToString(),
            ["split.holdout_fraction"] = _pipeline.Split.HoldoutFraction.ToString("R", CultureInfo.InvariantCulture),
            ["split.seed"] = _pipeline.Split.Seed.ToString(CultureInfo.InvariantCulture),
            ["split.time_cutoff"] = _pipeline.Split.TimeCutoff?.ToString("O", CultureInfo.InvariantCulture) ?? "none",
            ["rows.total"] = state.Rows!.Length.ToString(CultureInfo.InvariantCulture),
            ["rows.train"] = split.Train.Length.ToString(CultureInfo.InvariantCulture),
            ["rows.test"] = split.Test.Length.ToString(CultureInfo.InvariantCulture),
            ["features.count"] = _pipeline.FeatureSet.Count.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var hp in model.Hyperparameters)
        {
            parameters["hp." + hp.Name] = hp.Value;
        }

        state.Store.LogParams(state.RunId, parameters);
        state.Params = parameters;

        var view = CreateView(state, split.Train);
        state.Trainer = trainer;
        var nodeId = _pipeline.Graph.Nodes.First(n => n.Kind == NodeKind.Train).Id;
        state.Model = trainer.Train(view, CheckpointFolder(state.Store, model), line => _observer?.OnNodeProgress(nodeId, line));
        state.InputSchema = view.Schema;
        state.ModelHash = state.Store.PutArtifact(state.RunId, ModelTrainer.SaveToBytes(trainer.Context, state.Model, view.Schema));
        return $"{model.Trainer} {model.Task} on {split.Train.Length} rows x {_pipeline.FeatureSet.Count} features";
    }

    /// <summary>
    /// Where a trainer that checkpoints (a deep model) keeps them: <c>checkpoints/PIPELINE/MODEL</c> beside the store's
    /// artifacts, so a training killed mid-way (and its container) resumes from its last epoch when run again.
    /// </summary>
    private string CheckpointFolder(PipelineStore store, ModelDefinition model) =>
        Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(store.Artifacts.Root))!, "checkpoints", _pipeline.Name, model.Name);

    private string Evaluate(RunState state, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var view = CreateView(state, state.Split!.Test);
        var context = state.Trainer!.Context;
        var headline = ModelEvaluator.Evaluate(context, state.Model!, view, _pipeline.Model.Task);
        var metrics = new Dictionary<string, double>(headline, StringComparer.Ordinal);
        var extra = HoldoutAnalysis.Compute(
            context, state.Model!, rows => CreateView(state, rows), state.Split.Test, state.Rows!, state.Labels!, _pipeline.Model.Task, _pipeline.Gates, LatencyProbe(state, ct));
        foreach (var (name, value) in extra)
        {
            metrics[name] = value;
        }

        state.Store.LogMetrics(state.RunId, metrics);
        state.Metrics = metrics;
        return ModelEvaluator.Summarize(headline) + $" on {state.Split.Test.Length} holdout rows"
            + (extra.Count > 0 ? $" (+{extra.Count} calibration, slice, fairness or latency metrics)" : string.Empty);
    }

    /// <summary>
    /// One single-row prediction through the generated row function and the model, as serving does: what a latency gate
    /// times. Null when no gate names the latency metric.
    /// </summary>
    private Action<TRow>? LatencyProbe(RunState state, CancellationToken ct)
    {
        if (!_pipeline.Gates.Any(g => g.Kind != GateKind.Fairness && g.Metric == Metric.P99LatencyMs))
        {
            return null;
        }

        var featureState = state.FeatureState;
        if (featureState is null)
        {
            // The features came from the cache: rebuild the state the row function reads (windows replayed over every row).
            var joined = _pipeline.FeatureSet.JoinedDatasets.Select(d => state.Datasets[d.Name].Rows!).ToArray();
            featureState = _pipeline.FeatureSet.CreateState(joined);
            featureState.ComputeBatch(state.Rows!, new float[checked(_pipeline.FeatureSet.Count * state.Rows!.Length)]);
        }

        ct.ThrowIfCancellationRequested();
        var predictor = Predictor<TRow>.ForCandidate(_pipeline, state.Trainer!.Context, state.Model!, featureState);
        return row => predictor.Predict(row);
    }

    private string Gate(RunState state, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var production = _pipeline.Gates.Any(g => g.Kind == GateKind.NoRegression)
            ? state.Store.GetStageVersion(_pipeline.Name, ModelStages.Production)
            : null;
        var champion = production is null ? ((int, IReadOnlyDictionary<string, double>)?)null : (production.Version, production.Metrics);
        var verdicts = GateVerdict.EvaluateAll(_pipeline.Gates, state.Metrics, _pipeline.Model.Task, state.FoldMetrics, champion);
        state.Store.RecordGateResults(state.RunId, verdicts);
        state.Verdicts = verdicts;

        // A failed gate does not stop the run: the version is still registered (so it can be compared and reproduced),
        // marked as failed, and the registry never lets it into staging or production.
        state.GatesPassed = verdicts.All(v => v.Passed);
        var passed = verdicts.Count(v => v.Passed);
        return verdicts.Count == 0 ? "no gates"
            : state.GatesPassed ? $"{verdicts.Count}/{verdicts.Count} rules passed: " + string.Join("; ", verdicts.Select(v => v.Message))
            : $"FAILED {verdicts.Count - passed}/{verdicts.Count} rules: " + string.Join("; ", verdicts.Where(v => !v.Passed).Select(v => v.Message));
    }

    private string Register(RunState state, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var hash = state.ModelHash!;
        var lineage = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["data_hash"] = state.DataHash ?? "unknown",
            ["dataset"] = _pipeline.Dataset.Name,
            ["source_path"] = state.SourcePath,
            ["schema_hash"] = _pipeline.Dataset.SchemaHash,
            ["feature_set"] = _pipeline.FeatureSet.Name,
            ["feature_set_hash"] = _pipeline.FeatureSet.Hash,
            ["model"] = _pipeline.Model.Name,
            ["model_config_hash"] = _pipeline.Model.ConfigHash,
            ["git_commit"] = RunLineage.GitCommit(),
            ["dotnet_version"] = RunLineage.DotnetVersion,
            ["mlnet_version"] = RunLineage.MlNetVersion,
            ["pipelinedsl_version"] = RunLineage.PipelineDslVersion,
            ["os"] = RunLineage.OperatingSystem,
        };
        foreach (var feature in _pipeline.FeatureSet.Features)
        {
            lineage[$"feature.{feature.Name}.hash"] = feature.CodeHash;
        }

        foreach (var joined in _pipeline.FeatureSet.JoinedDatasets)
        {
            var dataset = state.Datasets[joined.Name];
            lineage[$"joined.{joined.Name}.data_hash"] = dataset.DataHash ?? "unknown";
            lineage[$"joined.{joined.Name}.schema_hash"] = joined.SchemaHash;
        }

        if (state.OnlineStateHash is { } online)
        {
            lineage["online_state"] = online;
        }

        lineage[ReferenceProfile.LineageKey] = state.Store.PutArtifact(state.RunId, BuildReferenceProfile(state).ToJson());
        var version = state.Store.RegisterModelVersion(_pipeline.Name, state.RunId, hash, lineage, state.GatesPassed);
        state.ModelVersion = version;
        var bytes = new FileInfo(state.Store.Artifacts.PathOf(hash)).Length;
        return $"{_pipeline.Name} v{version} (model sha256:{hash[..12]}, {bytes} bytes)" + (state.GatesPassed ? string.Empty : "; failed its gates: never promotable");
    }

    /// <summary>
    /// The monitoring reference of the version: each feature over the training rows, the prediction over the holdout,
    /// and the holdout metrics.
    /// </summary>
    private ReferenceProfile BuildReferenceProfile(RunState state)
    {
        var matrix = state.Matrix ?? throw new InvalidOperationException("the feature matrix is not available to profile");
        var split = state.Split ?? throw new InvalidOperationException("the split is not available to profile");
        var rows = matrix.Length / Math.Max(1, _pipeline.FeatureSet.Count);
        var column = new double[split.Train.Length];
        var features = new List<MonitoredColumn>(_pipeline.FeatureSet.Count);
        for (var j = 0; j < _pipeline.FeatureSet.Count; j++)
        {
            for (var i = 0; i < split.Train.Length; i++)
            {
                column[i] = matrix[(j * rows) + split.Train[i]];
            }

            features.Add(ColumnProfileBuilder.Build(_pipeline.FeatureSet.Features[j].Name, column));
        }

        var holdout = HoldoutPredictions.Score(state.Model!, CreateView(state, split.Test), _pipeline.Model.Task);
        var predicted = _pipeline.Model.Task == MlTask.BinaryClassification ? holdout.Probabilities : holdout.Scores;
        var prediction = ColumnProfileBuilder.Build("prediction", predicted.Select(p => (double)p).ToArray());
        // Timings measure the machine, not the model: left out, the profile is a pure function of data, code and seed.
        var metrics = state.Metrics.Where(m => !ReproductionResult.TimingMetrics.Contains(m.Key)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        return new ReferenceProfile(_pipeline.Name, _pipeline.FeatureSet.Hash, split.Train.Length, features, prediction, metrics);
    }

    private string Backtest(RunState state, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var split = state.Split!;
        if (split.Strategy != SplitStrategy.Time)
        {
            throw new InvalidOperationException($"A backtest needs a time split; this pipeline split by {split.Strategy}.");
        }

        var folds = BacktestPlanner.Plan(state.Timestamps, split.Test, _pipeline.Split.BacktestFolds);
        var results = new List<IReadOnlyDictionary<string, double>>(folds.Count);
        var lines = new List<string>();
        foreach (var fold in folds)
        {
            ct.ThrowIfCancellationRequested();
            if (fold.Train.Length == 0)
            {
                throw new InvalidOperationException($"Backtest fold {fold.Number} starts at {fold.Start:O} and has no earlier rows to train on.");
            }

            var trainer = new ModelTrainer(_pipeline.Model, _pipeline.Split.Seed);
            var model = trainer.Train(CreateView(state, fold.Train));
            var metrics = ModelEvaluator.Evaluate(trainer.Context, model, CreateView(state, fold.Test), _pipeline.Model.Task);
            results.Add(metrics);
            lines.Add($"fold {fold.Number} [{fold.Start:yyyy-MM-dd}, {fold.End:yyyy-MM-dd}) train {fold.Train.Length} test {fold.Test.Length}: {ModelEvaluator.Summarize(metrics)}");
        }

        var summary = LogBacktestMetrics(state, results);
        state.FoldMetrics = results;
        var headline = results[0].Keys.First();
        return $"{folds.Count} folds, {headline} mean {summary[$"backtest.{headline}.mean"].ToString("0.####", CultureInfo.InvariantCulture)} "
            + $"std {summary[$"backtest.{headline}.std"].ToString("0.####", CultureInfo.InvariantCulture)} worst {summary[$"backtest.{headline}.worst"].ToString("0.####", CultureInfo.InvariantCulture)}: "
            + string.Join("; ", lines);
    }

    /// <summary>Logs each fold's metrics (step = fold number, from 1) and their mean, std and worst; returns the latter.</summary>
    private static Dictionary<string, double> LogBacktestMetrics(RunState state, IReadOnlyList<IReadOnlyDictionary<string, double>> folds)
    {
        for (var i = 0; i < folds.Count; i++)
        {
            state.Store.LogMetrics(state.RunId, folds[i].Select(m => KeyValuePair.Create("backtest." + m.Key, m.Value)), step: i + 1);
        }

        var summary = new Dictionary<string, double>(StringComparer.Ordinal) { ["backtest.folds"] = folds.Count };
        foreach (var name in folds[0].Keys)
        {
            var values = folds.Select(r => r[name]).ToArray();
            var mean = values.Average();
            summary[$"backtest.{name}.mean"] = mean;
            summary[$"backtest.{name}.std"] = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
            summary[$"backtest.{name}.worst"] = MetricNames.HigherIsBetter(name) ? values.Min() : values.Max();
        }

        state.Store.LogMetrics(state.RunId, summary);
        return summary;
    }

    private FeatureMatrixDataView CreateView(RunState state, int[] rows) =>
        new(state.Matrix!, state.Rows!.Length, _pipeline.FeatureSet.Features.Select(f => f.Name).ToArray(), rows, state.Labels, _pipeline.Model.Task);

    /// <summary>One dataset of the run: where it is read from, its rows and its snapshot hash.</summary>
    private sealed class DatasetState(IDatasetDefinition definition, string sourcePath)
    {
        public IDatasetDefinition Definition { get; } = definition;

        public string SourcePath { get; } = sourcePath;

        public Array? Rows { get; set; }

        public int[]? LineNumbers { get; set; }

        public string? DataHash { get; set; }

        /// <summary>SHA-256 of the source file when the run started (its cache key and snapshot id).</summary>
        public string? SourceHash { get; set; }
    }

    /// <summary>What the nodes hand each other. Each field is written by one node before its dependents start.</summary>
    private sealed class RunState(PipelineStore store, string runId)
    {
        public PipelineStore Store { get; } = store;

        public string RunId { get; } = runId;

        public string SourcePath { get; set; } = string.Empty;

        public TRow[]? Rows { get; set; }

        public int[]? LineNumbers { get; set; }

        public float[]? Labels { get; set; }

        public DateTime[] Timestamps { get; set; } = [];

        public string? DataHash { get; set; }

        public float[]? Matrix { get; set; }

        public DatasetSplit? Split { get; set; }

        public ModelTrainer? Trainer { get; set; }

        public ITransformer? Model { get; set; }

        public DataViewSchema? InputSchema { get; set; }

        public IReadOnlyDictionary<string, double> Metrics { get; set; } = new Dictionary<string, double>();

        public IReadOnlyList<IReadOnlyDictionary<string, double>> FoldMetrics { get; set; } = [];

        public IReadOnlyList<GateVerdict> Verdicts { get; set; } = [];

        public Dictionary<string, DatasetState> Datasets { get; } = new(StringComparer.Ordinal);

        public IFeatureState<TRow>? FeatureState { get; set; }

        public int? ModelVersion { get; set; }

        public Dictionary<string, double> JoinMetrics { get; set; } = new(StringComparer.Ordinal);

        public string? OnlineStateHash { get; set; }

        public Dictionary<string, string> Params { get; set; } = new(StringComparer.Ordinal);

        public string? ModelHash { get; set; }

        public bool GatesPassed { get; set; } = true;

        public int CachedNodes { get; set; }
    }
}
