using System.Globalization;
using PipelineDsl.Runtime.Monitoring.Statistics;

namespace PipelineDsl.Runtime.Monitoring;

/// <summary>
/// Cuts monitored rows into the declared tumbling windows and compares each with the version's
/// <see cref="ReferenceProfile"/>: data quality, drift of every feature and of the prediction, and, where labels
/// arrived, decay of the live metric against the holdout value. Every crossed threshold becomes a
/// <see cref="MonitorAlert"/> that names the window, the subject, the rule and the numbers.
/// </summary>
public static class DriftMonitor
{
    private const double Floor = 1e-4;

    /// <summary>Monitors <paramref name="rows"/> (in time order).</summary>
    /// <param name="profile">The version's training profile.</param>
    /// <param name="monitor">The thresholds and actions.</param>
    /// <param name="rows">Scored rows, oldest first.</param>
    /// <param name="invalidRows">For each scored row index, how many rows before it (since the previous scored row) were refused.</param>
    /// <param name="version">The monitored version.</param>
    /// <param name="source">What was read, for the report.</param>
    /// <param name="now">The time staleness is measured against.</param>
    public static MonitorReport Run(
        ReferenceProfile profile,
        MonitorDefinition monitor,
        IReadOnlyList<MonitorRow> rows,
        IReadOnlyList<int>? invalidRows,
        int version,
        string source,
        DateTime now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(rows);
        var windows = new List<MonitorWindow>();
        foreach (var (start, end) in Cut(monitor, rows))
        {
            var invalid = 0L;
            if (invalidRows is not null)
            {
                for (var i = start; i < end; i++)
                {
                    invalid += invalidRows[i];
                }
            }

            windows.Add(Window(profile, monitor, rows, start, end, invalid, windows.Count + 1, now));
        }

        var all = Enumerable.Range(0, profile.Features.Count)
            .Select(j => Compare(profile.Features[j], Column(rows, 0, rows.Count, j), monitor, prediction: false))
            .ToArray();
        return new MonitorReport(profile.Pipeline, version, source, windows, all, windows.SelectMany(w => w.Alerts).ToArray());
    }

    /// <summary>The windows as [start, end) row ranges: full row-count windows, or every time window that has rows.</summary>
    private static IEnumerable<(int Start, int End)> Cut(MonitorDefinition monitor, IReadOnlyList<MonitorRow> rows)
    {
        if (monitor.WindowRows > 0 || rows.Count == 0 || rows[0].Timestamp is null)
        {
            var size = monitor.WindowRows > 0 ? monitor.WindowRows : 1000;
            for (var start = 0; start + size <= rows.Count; start += size)
            {
                yield return (start, start + size);
            }

            yield break;
        }

        var origin = rows[0].Timestamp!.Value;
        var ticks = monitor.WindowDuration.Ticks;
        var first = 0;
        var bucket = (origin.Ticks - origin.Ticks) / ticks;
        for (var i = 1; i <= rows.Count; i++)
        {
            var current = i < rows.Count ? ((rows[i].Timestamp ?? origin).Ticks - origin.Ticks) / ticks : long.MaxValue;
            if (current != bucket)
            {
                yield return (first, i);
                first = i;
                bucket = current;
            }
        }
    }

    private static MonitorWindow Window(
        ReferenceProfile profile, MonitorDefinition monitor, IReadOnlyList<MonitorRow> rows, int start, int end, long invalid, int number, DateTime now)
    {
        var alerts = new List<MonitorAlert>();
        var first = rows[start].Timestamp;
        var last = rows[end - 1].Timestamp;
        void Alert(string kind, string subject, string rule, double value, double threshold, MonitorAction action, string message) =>
            alerts.Add(new MonitorAlert(kind, number, first, last, subject, rule, value, threshold, action, $"window {number}: {message}"));

        // Quality: refused rows, missing feature values, staleness.
        var missing = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var j = 0; j < profile.Features.Count; j++)
        {
            long count = 0;
            for (var i = start; i < end; i++)
            {
                if (!float.IsFinite(rows[i].Features[j]))
                {
                    count++;
                }
            }

            if (count > 0)
            {
                missing[profile.Features[j].Name] = count;
            }
        }

        var total = end - start + invalid;
        var invalidRate = total == 0 ? 0 : (double)(invalid + missing.Values.DefaultIfEmpty(0).Max()) / total;
        var staleness = last is { } l ? (now - l).TotalHours : (double?)null;
        var quality = new QualityReport(total, invalid, invalidRate, missing, last, staleness);
        if (invalidRate > monitor.MaxInvalidRate)
        {
            Alert("quality", "rows", "invalid_rate", invalidRate, monitor.MaxInvalidRate, monitor.OnQuality,
                $"{Number(invalidRate)} of rows invalid or missing a value > {Number(monitor.MaxInvalidRate)} ({invalid} refused, missing: {(missing.Count == 0 ? "none" : string.Join(", ", missing.Select(m => $"{m.Key} {m.Value}")))})");
        }

        if (monitor.MaxStalenessHours > 0 && staleness > monitor.MaxStalenessHours)
        {
            Alert("quality", "timestamp", "staleness_hours", staleness.Value, monitor.MaxStalenessHours, monitor.OnQuality,
                $"latest row is {Number(staleness.Value)} h old > {Number(monitor.MaxStalenessHours)} h");
        }

        // Drift of every feature and of the prediction.
        var features = new ColumnDrift[profile.Features.Count];
        for (var j = 0; j < features.Length; j++)
        {
            features[j] = Compare(profile.Features[j], Column(rows, start, end, j), monitor, prediction: false);
            if (features[j].Drifted)
            {
                Raise(Alert, "drift", features[j], monitor.OnDrift);
            }
        }

        var predictions = new double[end - start];
        for (var i = start; i < end; i++)
        {
            predictions[i - start] = rows[i].Prediction;
        }

        var prediction = Compare(profile.Prediction, predictions, monitor, prediction: true);
        if (prediction.Drifted)
        {
            Raise(Alert, "prediction-drift", prediction, monitor.OnDrift);
        }

        // Decay, over the rows whose labels arrived.
        var decay = Decay(profile, monitor, rows, start, end);
        if (decay?.Decayed == true)
        {
            Alert("decay", decay.Metric, decay.Metric, decay.Live!.Value, decay.Holdout!.Value, monitor.OnDecay,
                $"live {decay.Metric} {Number(decay.Live.Value)} over {decay.LabelledRows} labelled rows vs holdout {Number(decay.Holdout.Value)}: decayed by more than {Number(monitor.MaxDecay)}");
        }

        return new MonitorWindow(number, first, last, end - start, quality, features, prediction, decay, alerts);
    }

    private static void Raise(Action<string, string, string, double, double, MonitorAction, string> alert, string kind, ColumnDrift drift, MonitorAction action)
    {
        foreach (var breach in drift.Reasons)
        {
            alert(kind, drift.Name, breach.Rule, breach.Value, breach.Threshold, action, $"{drift.Name} drifted: {breach.Text}");
        }
    }

    private static double[] Column(IReadOnlyList<MonitorRow> rows, int start, int end, int feature)
    {
        var values = new double[end - start];
        for (var i = start; i < end; i++)
        {
            values[i - start] = rows[i].Features[feature];
        }

        return values;
    }

    /// <summary>Compares a window's values of one column with its reference.</summary>
    internal static ColumnDrift Compare(MonitoredColumn reference, double[] values, MonitorDefinition monitor, bool prediction)
    {
        var current = SortedSample.From(values);
        var maxPsi = prediction ? monitor.MaxPredictionPsi : monitor.MaxPsi;
        var reasons = new List<DriftBreach>();
        var mean = current.Count == 0 ? double.NaN : Average(current.Values);
        var sketch = ColumnProfileBuilder.Sketch(current.Values, 512);
        if (reference.Kind == ColumnKind.Categorical && !prediction)
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var v in current.Values)
            {
                var key = ColumnProfileBuilder.CategoryOf(v);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }

            var referenceCounts = reference.Categories!;
            var (pooledReference, pooledCurrent) = PoolRare(referenceCounts, counts);
            var chi = ChiSquare.Test(pooledReference, pooledCurrent);
            var (psi, js) = CategoryDistances(referenceCounts, counts);
            if (psi > maxPsi)
            {
                reasons.Add(new DriftBreach("psi", psi, maxPsi, $"psi {Number(psi)} > {Number(maxPsi)}"));
            }

            if (monitor.MinChiSquarePValue > 0 && chi.PValue < monitor.MinChiSquarePValue)
            {
                reasons.Add(new DriftBreach("chi_square_p_value", chi.PValue, monitor.MinChiSquarePValue, $"chi_square_p_value {Number(chi.PValue)} < {Number(monitor.MinChiSquarePValue)} (chi-square {Number(chi.Statistic)})"));
            }

            if (js > monitor.MaxJensenShannon)
            {
                reasons.Add(new DriftBreach("js_distance", js, monitor.MaxJensenShannon, $"js_distance {Number(js)} > {Number(monitor.MaxJensenShannon)}"));
            }

            return new ColumnDrift(reference.Name, ColumnKind.Categorical, current.Count, psi, null, null, js, null, chi.Statistic, chi.PValue, mean, reasons.Count > 0, reasons, sketch);
        }

        var baseline = SortedSample.FromSorted(reference.Sketch);
        if (current.Count == 0 || baseline.Count == 0)
        {
            return new ColumnDrift(reference.Name, ColumnKind.Numeric, current.Count, 0, null, null, 0, null, null, null, mean, false, reasons, sketch);
        }

        var numericPsi = PopulationStability.Index(baseline, current);
        var ks = KolmogorovSmirnov.TwoSample(baseline, current);
        var jsDistance = JensenShannon.Distance(baseline, current);
        var wasserstein = Wasserstein.Distance(baseline, current);
        if (numericPsi > maxPsi)
        {
            reasons.Add(new DriftBreach("psi", numericPsi, maxPsi, $"psi {Number(numericPsi)} > {Number(maxPsi)}"));
        }

        if (monitor.MinKsPValue > 0 && ks.PValue < monitor.MinKsPValue)
        {
            reasons.Add(new DriftBreach("ks_p_value", ks.PValue, monitor.MinKsPValue, $"ks_p_value {Number(ks.PValue)} < {Number(monitor.MinKsPValue)} (D {Number(ks.Statistic)})"));
        }

        if (jsDistance > monitor.MaxJensenShannon)
        {
            reasons.Add(new DriftBreach("js_distance", jsDistance, monitor.MaxJensenShannon, $"js_distance {Number(jsDistance)} > {Number(monitor.MaxJensenShannon)}"));
        }

        return new ColumnDrift(reference.Name, ColumnKind.Numeric, current.Count, numericPsi, ks.Statistic, ks.PValue, jsDistance, wasserstein, null, null, mean, reasons.Count > 0, reasons, sketch);
    }

    /// <summary>
    /// Pools the reference categories whose expected count in the window is below 5 into one category, as the chi-square
    /// approximation needs (a value seen 3 times in 4,000 training rows would otherwise make 2 sightings in a window of
    /// 1,000 look like drift). Values the reference never saw stay on their own: they are drift.
    /// </summary>
    internal static (Dictionary<string, long> Reference, Dictionary<string, long> Current) PoolRare(
        IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current)
    {
        const string Rare = "(rare)";
        double referenceTotal = reference.Values.Sum(), currentTotal = current.Values.Sum();
        var rare = reference.Where(c => referenceTotal > 0 && c.Value / referenceTotal * currentTotal < 5).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        if (rare.Count < 2)
        {
            return (reference.ToDictionary(StringComparer.Ordinal), current.ToDictionary(StringComparer.Ordinal));
        }

        Dictionary<string, long> Pool(IReadOnlyDictionary<string, long> counts)
        {
            var pooled = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (key, count) in counts)
            {
                var target = rare.Contains(key) ? Rare : key;
                pooled[target] = pooled.GetValueOrDefault(target) + count;
            }

            return pooled;
        }

        return (Pool(reference), Pool(current));
    }

    /// <summary>PSI and Jensen-Shannon distance (base 2) between two category distributions, empty shares floored at 1e-4 for PSI.</summary>
    internal static (double Psi, double JensenShannon) CategoryDistances(IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current)
    {
        var keys = reference.Keys.Union(current.Keys, StringComparer.Ordinal).ToArray();
        double referenceTotal = reference.Values.Sum(), currentTotal = current.Values.Sum();
        double psi = 0, js = 0;
        foreach (var key in keys)
        {
            var r = referenceTotal == 0 ? 0 : reference.GetValueOrDefault(key) / referenceTotal;
            var c = currentTotal == 0 ? 0 : current.GetValueOrDefault(key) / currentTotal;
            psi += (Math.Max(c, Floor) - Math.Max(r, Floor)) * Math.Log(Math.Max(c, Floor) / Math.Max(r, Floor));
            var m = (r + c) / 2;
            js += (r > 0 ? r * Math.Log2(r / m) : 0) + (c > 0 ? c * Math.Log2(c / m) : 0);
        }

        return (psi, Math.Sqrt(Math.Max(0, js / 2)));
    }

    private static DecayReport? Decay(ReferenceProfile profile, MonitorDefinition monitor, IReadOnlyList<MonitorRow> rows, int start, int end)
    {
        var predictions = new List<double>();
        var labels = new List<double>();
        for (var i = start; i < end; i++)
        {
            if (rows[i].Label is { } label)
            {
                predictions.Add(rows[i].Prediction);
                labels.Add(label);
            }
        }

        if (labels.Count == 0)
        {
            return null;
        }

        var name = MetricNames.Of(monitor.DecayMetric);
        double? holdout = profile.HoldoutMetrics.TryGetValue(name, out var h) ? h : null;
        if (labels.Count < monitor.MinLabelledRows)
        {
            return new DecayReport(name, labels.Count, null, holdout, false);
        }

        var live = LiveMetrics.Compute(monitor.DecayMetric, predictions.ToArray(), labels.ToArray());
        var decayed = live is { } v && holdout is { } reference
            && (MetricNames.HigherIsBetter(name) ? reference - v > monitor.MaxDecay : v - reference > monitor.MaxDecay);
        return new DecayReport(name, labels.Count, live, holdout, decayed);
    }

    private static double Average(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
