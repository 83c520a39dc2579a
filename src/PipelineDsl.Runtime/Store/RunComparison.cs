namespace PipelineDsl.Runtime.Store;

/// <summary>How a parameter differs between run A and run B.</summary>
public enum ParamChange
{
    /// <summary>Both runs logged it, with different values.</summary>
    Changed,

    /// <summary>Only run A logged it.</summary>
    OnlyInA,

    /// <summary>Only run B logged it.</summary>
    OnlyInB,
}

/// <summary>What going from run A to run B did to a metric.</summary>
public enum MetricVerdict
{
    /// <summary>The same value in both runs.</summary>
    Unchanged,

    /// <summary>B is better than A (higher, or lower for an error such as RMSE).</summary>
    Improved,

    /// <summary>B is worse than A.</summary>
    Regressed,

    /// <summary>Only run A has the metric.</summary>
    OnlyInA,

    /// <summary>Only run B has the metric.</summary>
    OnlyInB,

    /// <summary>Both runs have the metric but at least one value is undefined (NaN), so they cannot be ranked.</summary>
    Undefined,
}

/// <summary>How a feature's code differs between the model versions of run A and run B.</summary>
public enum FeatureChange
{
    /// <summary>B's model has the feature and A's does not.</summary>
    Added,

    /// <summary>A's model has the feature and B's does not.</summary>
    Removed,

    /// <summary>Both have the feature, with different code hashes.</summary>
    Changed,
}

/// <summary>A parameter whose value differs between the two runs.</summary>
/// <param name="Key">The parameter's key.</param>
/// <param name="A">Its value in run A; <see langword="null"/> when A did not log it.</param>
/// <param name="B">Its value in run B; <see langword="null"/> when B did not log it.</param>
public sealed record ParamDifference(string Key, string? A, string? B)
{
    /// <summary>Changed, or present in one run only.</summary>
    public ParamChange Change => A is null ? ParamChange.OnlyInB : B is null ? ParamChange.OnlyInA : ParamChange.Changed;
}

/// <summary>One headline (step 0) metric of the two runs.</summary>
/// <param name="Key">The metric's stored name.</param>
/// <param name="A">Its value in run A (NaN when undefined); <see langword="null"/> when A does not have it.</param>
/// <param name="B">Its value in run B (NaN when undefined); <see langword="null"/> when B does not have it.</param>
/// <param name="HigherIsBetter">Whether a larger value is better (see <see cref="MetricNames.HigherIsBetter"/>).</param>
public sealed record MetricDelta(string Key, double? A, double? B, bool HigherIsBetter)
{
    /// <summary>B - A; <see langword="null"/> when a run lacks the metric, NaN when a value is undefined.</summary>
    public double? Delta => A is { } a && B is { } b ? b - a : null;

    /// <summary>Whether B improved on A, regressed, or cannot be ranked against it.</summary>
    public MetricVerdict Verdict => (A, B) switch
    {
        (null, _) => MetricVerdict.OnlyInB,
        (_, null) => MetricVerdict.OnlyInA,
        ({ } a, { } b) when double.IsNaN(a) || double.IsNaN(b) => MetricVerdict.Undefined,
        ({ } a, { } b) when a.Equals(b) => MetricVerdict.Unchanged,
        ({ } a, { } b) => (b > a) == HigherIsBetter ? MetricVerdict.Improved : MetricVerdict.Regressed,
    };
}

/// <summary>A registered model version, by name and number.</summary>
/// <param name="Name">The model's (pipeline's) name.</param>
/// <param name="Version">The version number.</param>
public sealed record ModelVersionRef(string Name, int Version)
{
    /// <summary><c>name vN</c>.</summary>
    public override string ToString() => $"{Name} v{Version}";
}

/// <summary>One lineage fact of the two runs' model versions.</summary>
/// <param name="Key">The lineage key (<c>feature_set_hash</c>, <c>git_commit</c>, ...).</param>
/// <param name="A">A's value; <see langword="null"/> when A's version did not record it.</param>
/// <param name="B">B's value; <see langword="null"/> when B's version did not record it.</param>
public sealed record LineageFact(string Key, string? A, string? B)
{
    /// <summary>Whether both versions recorded the same value (or neither recorded one).</summary>
    public bool Same => string.Equals(A, B, StringComparison.Ordinal);
}

/// <summary>A feature whose code differs between the two runs' model versions (from the <c>feature.NAME.hash</c> lineage keys).</summary>
/// <param name="Name">The feature's name.</param>
/// <param name="A">Its code hash in A's version; <see langword="null"/> when A's feature set lacks it.</param>
/// <param name="B">Its code hash in B's version; <see langword="null"/> when B's feature set lacks it.</param>
public sealed record FeatureDifference(string Name, string? A, string? B)
{
    /// <summary>Added (only in B), removed (only in A) or changed.</summary>
    public FeatureChange Change => A is null ? FeatureChange.Added : B is null ? FeatureChange.Removed : FeatureChange.Changed;
}

/// <summary>The lineage of the model versions the two runs registered.</summary>
/// <param name="Facts">
/// <c>feature_set_hash</c>, <c>model_config_hash</c>, <c>schema_hash</c> and <c>git_commit</c> (always, same or not),
/// then every other lineage key whose values differ (library versions, joined datasets...), except <c>data_hash</c>
/// (see <see cref="DataComparison"/>) and the per-feature hashes (see <paramref name="Features"/>).
/// </param>
/// <param name="Features">The features added, removed or changed, by name.</param>
public sealed record LineageComparison(IReadOnlyList<LineageFact> Facts, IReadOnlyList<FeatureDifference> Features)
{
    /// <summary>Whether every fact is the same and no feature differs.</summary>
    public bool Same => Features.Count == 0 && Facts.All(f => f.Same);
}

/// <summary>The data and lineage of the two runs.</summary>
/// <param name="HashA">The hash of the data snapshot run A trained on; <see langword="null"/> when it took none.</param>
/// <param name="HashB">The hash of the data snapshot run B trained on; <see langword="null"/> when it took none.</param>
/// <param name="ModelA">The model version run A registered, if it registered one.</param>
/// <param name="ModelB">The model version run B registered, if it registered one.</param>
/// <param name="Lineage">How the two versions' lineage differs; <see langword="null"/> unless both runs registered a version.</param>
public sealed record DataComparison(string? HashA, string? HashB, ModelVersionRef? ModelA, ModelVersionRef? ModelB, LineageComparison? Lineage)
{
    /// <summary>Whether both runs trained on the same snapshot (false when either took none).</summary>
    public bool SameData => HashA is not null && string.Equals(HashA, HashB, StringComparison.Ordinal);
}

/// <summary>How one DAG node ended in each run.</summary>
/// <param name="NodeId">The node id.</param>
/// <param name="A">Its status in run A (<c>completed</c>, <c>cached</c>, <c>failed</c>, ...); <see langword="null"/> when A did not record it.</param>
/// <param name="B">Its status in run B; <see langword="null"/> when B did not record it.</param>
public sealed record NodeOutcome(string NodeId, string? A, string? B)
{
    /// <summary>Whether the node ended the same way in both runs.</summary>
    public bool Same => string.Equals(A, B, StringComparison.Ordinal);
}

/// <summary>
/// Two runs side by side, A then B: the parameters that differ, every headline metric with its delta (B - A) and
/// whether it improved, the data snapshots and the lineage of the versions they registered, and how each node ended.
/// Built by <see cref="Compare"/>, a pure function of what the store recorded.
/// </summary>
/// <param name="A">Run A.</param>
/// <param name="B">Run B.</param>
/// <param name="Params">The parameters whose values differ or that only one run logged, by key.</param>
/// <param name="Metrics">Every step-0 metric of either run, by key.</param>
/// <param name="Data">Data snapshots and model lineage.</param>
/// <param name="Nodes">Every node of either run: A's in the order they finished, then those only B recorded.</param>
public sealed record RunComparison(
    RunRecord A,
    RunRecord B,
    IReadOnlyList<ParamDifference> Params,
    IReadOnlyList<MetricDelta> Metrics,
    DataComparison Data,
    IReadOnlyList<NodeOutcome> Nodes)
{
    /// <summary>The lineage keys compared whether or not they differ, in this order.</summary>
    public static IReadOnlyList<string> KeyLineage { get; } = ["feature_set_hash", "model_config_hash", "schema_hash", "git_commit"];

    /// <summary>Compares run <paramref name="a"/> with run <paramref name="b"/>.</summary>
    /// <param name="a">Run A, with everything recorded against it.</param>
    /// <param name="b">Run B.</param>
    /// <param name="modelA">The model version run A registered, if any.</param>
    /// <param name="modelB">The model version run B registered, if any.</param>
    /// <exception cref="ArgumentException">A model version was not registered by the run it is given for.</exception>
    public static RunComparison Compare(RunDetails a, RunDetails b, ModelVersionRecord? modelA = null, ModelVersionRecord? modelB = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (modelA is not null && modelA.RunId != a.Run.Id)
        {
            throw new ArgumentException($"{modelA.Name} v{modelA.Version} was registered by run {modelA.RunId}, not by run A ({a.Run.Id}).", nameof(modelA));
        }

        if (modelB is not null && modelB.RunId != b.Run.Id)
        {
            throw new ArgumentException($"{modelB.Name} v{modelB.Version} was registered by run {modelB.RunId}, not by run B ({b.Run.Id}).", nameof(modelB));
        }

        var data = new DataComparison(
            a.Run.DataHash,
            b.Run.DataHash,
            modelA is null ? null : new ModelVersionRef(modelA.Name, modelA.Version),
            modelB is null ? null : new ModelVersionRef(modelB.Name, modelB.Version),
            modelA is not null && modelB is not null ? CompareLineage(modelA.Lineage, modelB.Lineage) : null);
        return new RunComparison(a.Run, b.Run, CompareParams(a.Params, b.Params), CompareMetrics(a.Metrics, b.Metrics), data, CompareNodes(a.Nodes, b.Nodes));
    }

    private static List<ParamDifference> CompareParams(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Keys.Union(b.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(key => new ParamDifference(key, a.GetValueOrDefault(key), b.GetValueOrDefault(key)))
            .Where(d => !string.Equals(d.A, d.B, StringComparison.Ordinal))
            .ToList();

    private static List<MetricDelta> CompareMetrics(IReadOnlyList<MetricRecord> a, IReadOnlyList<MetricRecord> b)
    {
        var headlineA = Headline(a);
        var headlineB = Headline(b);
        return headlineA.Keys.Union(headlineB.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(key => new MetricDelta(
                key,
                headlineA.TryGetValue(key, out var valueA) ? valueA : null,
                headlineB.TryGetValue(key, out var valueB) ? valueB : null,
                MetricNames.HigherIsBetter(key)))
            .ToList();
    }

    private static Dictionary<string, double> Headline(IReadOnlyList<MetricRecord> metrics)
    {
        var headline = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var metric in metrics.Where(m => m.Step == 0))
        {
            headline[metric.Key] = metric.Value;
        }

        return headline;
    }

    private static LineageComparison CompareLineage(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        var facts = KeyLineage.Select(key => new LineageFact(key, a.GetValueOrDefault(key), b.GetValueOrDefault(key))).ToList();
        facts.AddRange(a.Keys.Union(b.Keys, StringComparer.Ordinal)
            .Where(key => key != "data_hash" && !KeyLineage.Contains(key, StringComparer.Ordinal) && FeatureName(key) is null)
            .Order(StringComparer.Ordinal)
            .Select(key => new LineageFact(key, a.GetValueOrDefault(key), b.GetValueOrDefault(key)))
            .Where(f => !f.Same));

        var featuresA = FeatureHashes(a);
        var featuresB = FeatureHashes(b);
        var features = featuresA.Keys.Union(featuresB.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(name => new FeatureDifference(name, featuresA.GetValueOrDefault(name), featuresB.GetValueOrDefault(name)))
            .Where(d => !string.Equals(d.A, d.B, StringComparison.Ordinal))
            .ToList();
        return new LineageComparison(facts, features);
    }

    private static Dictionary<string, string> FeatureHashes(IReadOnlyDictionary<string, string> lineage)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in lineage)
        {
            if (FeatureName(key) is { } name)
            {
                hashes[name] = value;
            }
        }

        return hashes;
    }

    /// <summary>The feature a <c>feature.NAME.hash</c> lineage key names; <see langword="null"/> for any other key.</summary>
    private static string? FeatureName(string key)
    {
        const string Prefix = "feature.";
        const string Suffix = ".hash";
        return key.Length > Prefix.Length + Suffix.Length && key.StartsWith(Prefix, StringComparison.Ordinal) && key.EndsWith(Suffix, StringComparison.Ordinal)
            ? key[Prefix.Length..^Suffix.Length]
            : null;
    }

    private static List<NodeOutcome> CompareNodes(IReadOnlyList<RunNodeRecord> a, IReadOnlyList<RunNodeRecord> b)
    {
        var statusA = a.GroupBy(n => n.NodeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Status, StringComparer.Ordinal);
        var statusB = b.GroupBy(n => n.NodeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Status, StringComparer.Ordinal);
        return a.Select(n => n.NodeId)
            .Concat(b.Select(n => n.NodeId))
            .Distinct(StringComparer.Ordinal)
            .Select(id => new NodeOutcome(id, statusA.GetValueOrDefault(id), statusB.GetValueOrDefault(id)))
            .ToList();
    }
}
