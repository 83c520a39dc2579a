using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Serving.Metrics;

namespace PipelineDsl.Serving.Models;

/// <summary>
/// Hot swap: reads the registry every <see cref="ServingOptions.PollInterval"/> (or when asked), and when the production
/// or staging version changed, loads and self-tests the new one off the request path, then publishes a new
/// <see cref="ModelSet{TRow}"/> in one reference write. Requests that started on the old set finish on it; the old models
/// are disposed after <see cref="ServingOptions.SwapGrace"/>. A version that fails to load or self-test is not served:
/// the previous set stays, and the failure is logged and counted.
/// </summary>
/// <typeparam name="TRow">The dataset row type.</typeparam>
internal sealed class ModelWatcher<TRow>(
    PipelineDefinition<TRow> pipeline,
    DeploymentDefinition deployment,
    ServingOptions options,
    ServingMetrics metrics,
    ILogger<ModelWatcher<TRow>> logger) : BackgroundService
{
    private readonly SemaphoreSlim _refresh = new(0);
    private readonly HashSet<int> _refused = [];
    private ModelSet<TRow> _current = ModelSet<TRow>.Loading;

    /// <summary>The models to serve now.</summary>
    public ModelSet<TRow> Current => Volatile.Read(ref _current);

    /// <summary>Raised after a new set is published (the rollout router resets its state for a new challenger).</summary>
    public event Action<ModelSet<TRow>>? Published;

    /// <summary>Asks for a registry read now instead of at the next poll.</summary>
    public void RequestRefresh() => _refresh.Release();

    /// <summary>Reads the registry once and publishes what changed; used at start-up and by the poll loop.</summary>
    public void Refresh()
    {
        lock (_refreshLock)
        {
            RefreshLocked();
        }
    }

    private readonly Lock _refreshLock = new();

    private void RefreshLocked()
    {
        ModelVersionRecord? production;
        ModelVersionRecord? staging;
        try
        {
            using var store = PipelineStore.Open(options.Store);
            production = store.GetStageVersion(pipeline.Name, ModelStages.Production);
            staging = deployment.Rollout == RolloutStrategy.Direct ? null : store.GetStageVersion(pipeline.Name, ModelStages.Staging);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            logger.LogWarning("registry read failed, serving the current models: {Reason}", e.Message);
            return;
        }

        var current = Current;
        var champion = Resolve(current.Champion, production, ModelStages.Production, out var championError);
        if (champion is null && championError is not null && current.Champion is not null)
        {
            // The new production version cannot be served: keep answering with the one that can, and say so.
            champion = current.Champion;
            logger.LogError("still serving {Model} v{Version}: {Error}", pipeline.Name, champion.Version, championError);
        }

        var challenger = staging is not null && staging.Version != production?.Version
            ? Resolve(current.Challenger, staging, ModelStages.Staging, out _)
            : null;
        var reason = champion is not null
            ? null
            : championError ?? (production is null
                ? $"no version of {pipeline.Name} is in production; promote one: promote --version N --to production --approval \"who: why\""
                : $"{pipeline.Name} v{production.Version} could not be loaded");

        if (ReferenceEquals(champion, current.Champion) && ReferenceEquals(challenger, current.Challenger) && reason == current.NotReadyReason)
        {
            return;
        }

        var next = new ModelSet<TRow>(champion, challenger, reason);
        Volatile.Write(ref _current, next);
        metrics.SetVersions(champion?.Version, challenger?.Version);
        if (!ReferenceEquals(champion, current.Champion) && current.Champion is not null)
        {
            metrics.Swaps.Inc();
        }

        logger.LogInformation(
            "serving {Model}: champion {Champion}, challenger {Challenger}",
            pipeline.Name,
            champion is null ? "none" : "v" + champion.Version,
            challenger is null ? "none" : "v" + challenger.Version);
        RetireLater(current.Champion, next);
        RetireLater(current.Challenger, next);
        Published?.Invoke(next);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Load off the start-up path: /health answers while the first model loads, /ready once it passed its self-test.
        await Task.Yield();
        Refresh();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _refresh.WaitAsync(options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Refresh();
        }
    }

    /// <summary>The model for <paramref name="record"/>: the one already loaded when the version is the same, else a new load.</summary>
    private ServedModel<TRow>? Resolve(ServedModel<TRow>? loaded, ModelVersionRecord? record, string stage, out string? error)
    {
        error = null;
        if (record is null)
        {
            return null;
        }

        if (loaded is not null && loaded.Version == record.Version)
        {
            return loaded;
        }

        if (_refused.Contains(record.Version))
        {
            error = $"{pipeline.Name} v{record.Version} was refused earlier (see the log); promote another version";
            return null;
        }

        try
        {
            var predictor = pipeline.LoadPredictor(options.Store, record.Version);
            try
            {
                var selfTest = predictor.SelfTest(pipeline.Dataset, options.Store);
                logger.LogInformation("loaded {Model} v{Version} ({Stage}); self-test score {Score}", pipeline.Name, record.Version, stage, selfTest.Score);
                return new ServedModel<TRow>(predictor, stage, selfTest);
            }
            catch
            {
                predictor.Dispose();
                throw;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or InvalidDataException or FormatException)
        {
            _refused.Add(record.Version);
            metrics.LoadFailures.Inc();
            error = $"{pipeline.Name} v{record.Version} ({stage}) could not be served: {e.Message}";
            logger.LogError("{Error}", error);
            return null;
        }
    }

    private void RetireLater(ServedModel<TRow>? old, ModelSet<TRow> next)
    {
        if (old is null || ReferenceEquals(old, next.Champion) || ReferenceEquals(old, next.Challenger))
        {
            return;
        }

        // Requests that read the old set may still be scoring on it: dispose it once they have had time to finish.
        _ = Task.Delay(options.SwapGrace).ContinueWith(_ => old.Dispose(), TaskScheduler.Default);
    }
}
