using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Monitoring.Statistics;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Serving.Metrics;
using PipelineDsl.Serving.Models;

namespace PipelineDsl.Serving.Rollouts;

/// <summary>
/// Routes each row to the champion (production) or the challenger (staging) by the deployment's strategy, and runs the
/// canary: the challenger's share grows step by step, each step lasting one evaluation window; at the end of a window
/// the challenger's error rate, p99 latency and prediction shift (PSI of its scores against the champion's recent
/// scores) are checked against the declared thresholds. A breach rolls it back at once (no more traffic, then archived
/// in the registry with the reason in the audit log); passing the last step promotes it to production. Blue/green
/// switches all traffic between the two on an admin call; A/B assigns a fixed share of entities by a hash of their key.
/// </summary>
/// <typeparam name="TRow">The dataset row type.</typeparam>
internal sealed class RolloutRouter<TRow> : BackgroundService
{
    private const int ReferenceCapacity = 10_000;
    private const int MinShiftSample = 100;

    private readonly PipelineDefinition<TRow> _pipeline;
    private readonly DeploymentDefinition _deployment;
    private readonly ServingOptions _options;
    private readonly ModelWatcher<TRow> _watcher;
    private readonly ServingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeSpan _window;
    private readonly Lock _lock = new();
    private readonly float[] _reference = new float[ReferenceCapacity];
    private readonly HashSet<int> _rolledBack = [];
    private int _referenceCount;
    private int _referenceNext;
    private int _challengerPermille;
    private int? _challengerVersion;

    // The challenger version the routing state belongs to (-1: none); read on the request path without the lock.
    private int _challengerVersionBox = -1;
    private int _step;
    private int _greenActive;
    private CanaryWindow _canaryWindow = new(DateTime.UtcNow);
    private string? _lastDecision;
    private ArmCounter _championArm = new(Arm.Champion);
    private ArmCounter _challengerArm = new(Arm.Challenger);

    public RolloutRouter(
        PipelineDefinition<TRow> pipeline,
        DeploymentDefinition deployment,
        ServingOptions options,
        ModelWatcher<TRow> watcher,
        ServingMetrics metrics,
        ILogger<RolloutRouter<TRow>> logger)
    {
        _pipeline = pipeline;
        _deployment = deployment;
        _options = options;
        _watcher = watcher;
        _metrics = metrics;
        _logger = logger;
        _window = options.EvaluationWindow ?? deployment.EvaluationWindow;
        watcher.Published += OnPublished;
        metrics.SetWeights(0);
    }

    /// <summary>Chooses the model for one row. <paramref name="assignmentKey"/> is the A/B key (null: the champion answers).</summary>
    public Route<TRow> Choose(ModelSet<TRow> set, string? assignmentKey)
    {
        var champion = set.Champion!;
        var challenger = set.Challenger;
        if (challenger is null || challenger.Version != Volatile.Read(ref _challengerVersionBox))
        {
            return new Route<TRow>(champion, Arm.Champion, null);
        }

        switch (_deployment.Rollout)
        {
            case RolloutStrategy.Shadow:
                return new Route<TRow>(champion, Arm.Champion, challenger);
            case RolloutStrategy.Canary:
                var permille = Volatile.Read(ref _challengerPermille);
                return permille >= 1000 || (permille > 0 && Random.Shared.Next(1000) < permille)
                    ? new Route<TRow>(challenger, Arm.Challenger, null)
                    : new Route<TRow>(champion, Arm.Champion, null);
            case RolloutStrategy.BlueGreen:
                return Volatile.Read(ref _greenActive) == 1
                    ? new Route<TRow>(challenger, Arm.Challenger, null)
                    : new Route<TRow>(champion, Arm.Champion, null);
            case RolloutStrategy.AbTest:
                return assignmentKey is not null && Volatile.Read(ref _challengerPermille) > 0 && Bucket(assignmentKey) < _deployment.ChallengerPercent
                    ? new Route<TRow>(challenger, Arm.Challenger, null)
                    : new Route<TRow>(champion, Arm.Champion, null);
            default:
                return new Route<TRow>(champion, Arm.Champion, null);
        }
    }

    /// <summary>Records a champion prediction (the canary's reference scores, the A/B champion arm).</summary>
    public void RecordChampion(float score, bool? predictedLabel)
    {
        if (_deployment.Rollout == RolloutStrategy.Canary)
        {
            lock (_lock)
            {
                _reference[_referenceNext] = score;
                _referenceNext = (_referenceNext + 1) % ReferenceCapacity;
                _referenceCount = Math.Min(_referenceCount + 1, ReferenceCapacity);
            }
        }

        if (_deployment.Rollout != RolloutStrategy.Direct)
        {
            _championArm.Record(score, predictedLabel);
        }
    }

    /// <summary>Records a challenger prediction, or its failure.</summary>
    public void RecordChallenger(double latencyMs, bool failed, float score, bool? predictedLabel)
    {
        _canaryWindow.Record(latencyMs, failed, score);
        if (failed)
        {
            _challengerArm.RecordError();
        }
        else
        {
            _challengerArm.Record(score, predictedLabel);
        }
    }

    /// <summary>Blue/green: sends all traffic to green (the challenger) or back to blue.</summary>
    /// <returns>Null when done, else why not.</returns>
    public string? Switch(bool toGreen)
    {
        if (_deployment.Rollout != RolloutStrategy.BlueGreen)
        {
            return $"deployment {_deployment.Name} is {_deployment.Rollout}, not BlueGreen";
        }

        var set = _watcher.Current;
        if (toGreen && set.Challenger is null)
        {
            return "there is no green version: promote one to staging first";
        }

        Volatile.Write(ref _greenActive, toGreen ? 1 : 0);
        _metrics.SetWeights(toGreen ? 100 : 0);
        Decide(toGreen ? $"switched to green (v{set.Challenger!.Version})" : $"switched back to blue (v{set.Champion?.Version})");
        return null;
    }

    /// <summary>Canary: sets the challenger's share by hand.</summary>
    public string? SetWeight(double percent)
    {
        if (_deployment.Rollout != RolloutStrategy.Canary)
        {
            return $"deployment {_deployment.Name} is {_deployment.Rollout}, not Canary";
        }

        if (!(percent >= 0 && percent <= 100))
        {
            return "challengerPercent must be between 0 and 100";
        }

        Volatile.Write(ref _challengerPermille, (int)Math.Round(percent * 10));
        _metrics.SetWeights(percent);
        Decide($"challenger weight set to {percent.ToString(CultureInfo.InvariantCulture)}% by an admin");
        return null;
    }

    /// <summary>Takes the challenger out of traffic now and archives it in the registry with <paramref name="reason"/>.</summary>
    /// <returns>Null when done, else why not.</returns>
    public string? Rollback(string reason)
    {
        var version = _watcher.Current.Challenger?.Version;
        if (version is null)
        {
            return "there is no challenger to roll back";
        }

        RollBack(version.Value, reason);
        return null;
    }

    /// <summary>The rollout as it stands.</summary>
    public RolloutStatus Status()
    {
        var set = _watcher.Current;
        lock (_lock)
        {
            var canary = _deployment.Rollout == RolloutStrategy.Canary;
            return new RolloutStatus(
                _deployment.Name,
                _deployment.Rollout.ToString(),
                set.Champion?.Version,
                set.Challenger?.Version,
                ChallengerPercent(),
                canary ? _step + 1 : null,
                canary ? _deployment.CanarySteps.Count : null,
                _deployment.Rollout == RolloutStrategy.BlueGreen ? Volatile.Read(ref _greenActive) == 1 : null,
                _lastDecision,
                _rolledBack.Order().ToArray(),
                [_championArm.Snapshot(), _challengerArm.Snapshot()]);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_deployment.Rollout != RolloutStrategy.Canary)
        {
            return;
        }

        var tick = TimeSpan.FromMilliseconds(Math.Clamp(_window.TotalMilliseconds / 10, 50, 1000));
        using var timer = new PeriodicTimer(tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    JudgeIfDue(DateTime.UtcNow);
                }
                catch (Exception e) when (e is InvalidOperationException or IOException or System.Data.Common.DbException)
                {
                    _logger.LogError("canary evaluation failed: {Reason}", e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Judges the canary window when it has run its length (and has enough requests).</summary>
    internal void JudgeIfDue(DateTime now)
    {
        int version;
        CanaryWindow window;
        float[] reference;
        lock (_lock)
        {
            if (_challengerVersion is not { } v || _rolledBack.Contains(v) || Volatile.Read(ref _challengerPermille) == 0
                || now - _canaryWindow.Start < _window)
            {
                return;
            }

            version = v;
            window = _canaryWindow;
            reference = _reference.AsSpan(0, _referenceCount).ToArray();
        }

        var stats = window.Snapshot();
        if (stats.Requests < _deployment.MinRequestsPerWindow)
        {
            // Too little traffic to judge: the window runs on until it has enough.
            return;
        }

        var breaches = new List<string>();
        if (stats.ErrorRate > _deployment.MaxErrorRate)
        {
            breaches.Add($"error rate {Number(stats.ErrorRate)} > {Number(_deployment.MaxErrorRate)} ({stats.Errors} of {stats.Requests})");
        }

        if (stats.P99LatencyMs > _deployment.MaxP99LatencyMs)
        {
            breaches.Add($"p99 latency {Number(stats.P99LatencyMs)} ms > {Number(_deployment.MaxP99LatencyMs)} ms");
        }

        // PSI over ten bins is noise below about a hundred values a side: judge the shift only when both have that many.
        var shiftSample = Math.Max(_deployment.MinRequestsPerWindow, MinShiftSample);
        if (reference.Length >= shiftSample && stats.Scores.Length >= shiftSample)
        {
            // The monitoring statistics' PSI (reference deciles, empty bins floored), the one `monitor` uses too.
            using var champion = SortedSample.From(reference);
            using var challenger = SortedSample.From(stats.Scores);
            var psi = PopulationStability.Index(champion, challenger);
            if (psi > _deployment.MaxPredictionShift)
            {
                breaches.Add($"prediction shift (PSI) {Number(psi)} > {Number(_deployment.MaxPredictionShift)}");
            }
        }

        var step = _step;
        var where = $"window {step + 1} at {_deployment.CanarySteps[step]}%";
        if (breaches.Count > 0)
        {
            RollBack(version, where + ": " + string.Join("; ", breaches));
            return;
        }

        if (step + 1 >= _deployment.CanarySteps.Count)
        {
            Promote(version, $"{where} passed; every step passed ({string.Join("% -> ", _deployment.CanarySteps)}%)");
            return;
        }

        lock (_lock)
        {
            if (_challengerVersion != version)
            {
                return;
            }

            _step = step + 1;
            _canaryWindow = new CanaryWindow(now);
            Volatile.Write(ref _challengerPermille, _deployment.CanarySteps[_step] * 10);
        }

        _metrics.SetWeights(_deployment.CanarySteps[step + 1]);
        Decide($"v{version} {where} passed ({stats.Requests} requests, error rate {Number(stats.ErrorRate)}, p99 {Number(stats.P99LatencyMs)} ms); now {_deployment.CanarySteps[step + 1]}%");
    }

    private void OnPublished(ModelSet<TRow> set)
    {
        lock (_lock)
        {
            var version = set.Challenger?.Version;
            if (version == _challengerVersion)
            {
                return;
            }

            _challengerVersion = version;
            Volatile.Write(ref _challengerVersionBox, version ?? -1);
            _step = 0;
            _greenActive = 0;
            _canaryWindow = new CanaryWindow(DateTime.UtcNow);
            _championArm = new ArmCounter(Arm.Champion);
            _challengerArm = new ArmCounter(Arm.Challenger);
            var permille = version is null || _rolledBack.Contains(version.Value) ? 0 : _deployment.Rollout switch
            {
                RolloutStrategy.Canary => _deployment.CanarySteps[0] * 10,
                RolloutStrategy.AbTest => _deployment.ChallengerPercent * 10,
                _ => 0,
            };
            Volatile.Write(ref _challengerPermille, permille);
            _metrics.SetWeights(ChallengerPercent());
            if (version is not null && permille > 0)
            {
                _lastDecision = $"v{version} entered {_deployment.Rollout} at {permille / 10.0}%";
            }
        }
    }

    private void RollBack(int version, string reason)
    {
        lock (_lock)
        {
            if (!_rolledBack.Add(version))
            {
                return;
            }

            Volatile.Write(ref _challengerPermille, 0);
            Volatile.Write(ref _greenActive, 0);
        }

        _metrics.SetWeights(0);
        _metrics.Rollbacks.Inc();
        Decide($"v{version} rolled back: {reason}");
        _logger.LogWarning("{Model} v{Version} rolled back: {Reason}", _pipeline.Name, version, reason);
        ChangeStage(version, ModelStages.Archived, $"rolled back by {_deployment.Rollout} deployment {_deployment.Name}: {reason}");
    }

    private void Promote(int version, string reason)
    {
        Decide($"v{version} promoted: {reason}");
        _logger.LogInformation("{Model} v{Version} promoted to production: {Reason}", _pipeline.Name, version, reason);
        ChangeStage(version, ModelStages.Production, reason);
    }

    private void ChangeStage(int version, string stage, string reason)
    {
        try
        {
            using var store = PipelineStore.Open(_options.Store);
            // The approval's "who" is the deployment: the audit log says which rollout moved the version and why.
            store.Promote(_pipeline.Name, version, stage, "serve", $"{_deployment.Rollout.ToString().ToLowerInvariant()} {_deployment.Name}: {reason}");
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            _logger.LogError("could not move {Model} v{Version} to {Stage} in the registry: {Reason}", _pipeline.Name, version, stage, e.Message);
        }

        _watcher.RequestRefresh();
    }

    private void Decide(string decision)
    {
        lock (_lock)
        {
            _lastDecision = decision;
        }
    }

    private double ChallengerPercent() => _deployment.Rollout switch
    {
        RolloutStrategy.BlueGreen => Volatile.Read(ref _greenActive) == 1 ? 100 : 0,
        RolloutStrategy.Shadow => 0,
        _ => Volatile.Read(ref _challengerPermille) / 10.0,
    };

    /// <summary>A stable bucket in [0, 100) for an A/B key: the same entity always lands in the same arm.</summary>
    internal static int Bucket(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return (int)(BitConverter.ToUInt32(hash) % 100);
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
