using PipelineDsl.Runtime.Monitoring;

namespace PipelineDsl.Runtime.Tests.Monitoring;

public sealed class DriftMonitorTests
{
    [Fact]
    public void Auc_is_the_rank_statistic_with_ties_averaged()
    {
        // Positives at 0.9 and 0.5, negatives at 0.5 and 0.1: of 4 pairs, 3 ordered right and 1 tied -> 3.5 / 4.
        Assert.Equal(0.875, LiveMetrics.Compute(Metric.Auc, [0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0]));
        Assert.Null(LiveMetrics.Compute(Metric.Auc, [0.9, 0.1], [1, 1]));
        Assert.Equal(0.5, LiveMetrics.Compute(Metric.Accuracy, [0.9, 0.9, 0.1, 0.1], [1, 0, 1, 0]));
        Assert.Equal(1.0, LiveMetrics.Compute(Metric.Rmse, [1, 3], [2, 2]));
    }

    [Fact]
    public void Rare_reference_categories_are_pooled_but_new_values_stay_apart()
    {
        var reference = new Dictionary<string, long> { ["0"] = 3000, ["1"] = 990, ["8"] = 6, ["9"] = 4 };
        var current = new Dictionary<string, long> { ["0"] = 740, ["1"] = 250, ["9"] = 2, ["12"] = 8 };
        var (pooledReference, pooledCurrent) = DriftMonitor.PoolRare(reference, current);
        Assert.Equal(10, pooledReference["(rare)"]);
        Assert.Equal(2, pooledCurrent["(rare)"]);
        Assert.Equal(8, pooledCurrent["12"]);
        Assert.False(pooledReference.ContainsKey("8"));
    }

    [Fact]
    public void Category_distances_are_zero_for_the_same_distribution_and_grow_with_the_shift()
    {
        var reference = new Dictionary<string, long> { ["yes"] = 100, ["no"] = 900 };
        Assert.Equal((0.0, 0.0), DriftMonitor.CategoryDistances(reference, new Dictionary<string, long> { ["yes"] = 10, ["no"] = 90 }));
        var (psi, js) = DriftMonitor.CategoryDistances(reference, new Dictionary<string, long> { ["yes"] = 50, ["no"] = 50 });
        Assert.InRange(psi, 0.8, 1.0);
        Assert.InRange(js, 0.3, 0.5);
    }

    [Theory]
    [InlineData("1000 rows", 1000, 0)]
    [InlineData("30 minutes", 0, 30)]
    [InlineData("2 hours", 0, 120)]
    [InlineData("1 day", 0, 1440)]
    public void Window_specs_parse(string text, int rows, int minutes)
    {
        Assert.Equal((rows, TimeSpan.FromMinutes(minutes)), MonitorWindowSpec.Parse(text));
    }

    [Theory]
    [InlineData("5 rows")]
    [InlineData("1.5 rows")]
    [InlineData("hourly")]
    [InlineData("-1 hours")]
    public void Bad_window_specs_say_what_is_accepted(string text)
    {
        var error = Assert.Throws<FormatException>(() => MonitorWindowSpec.Parse(text));
        Assert.Contains("'N rows'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_keeps_a_bounded_sketch_and_counts_only_few_valued_columns()
    {
        var many = Enumerable.Range(0, 10_000).Select(i => (double)i).ToArray();
        var numeric = ColumnProfileBuilder.Build("x", many);
        Assert.Equal((ColumnKind.Numeric, ColumnProfileBuilder.SketchSize, 0.0, 9999.0), (numeric.Kind, numeric.Sketch.Length, numeric.Sketch[0], numeric.Sketch[^1]));
        Assert.Equal(4999.5, numeric.Mean, 9);

        var flags = ColumnProfileBuilder.Build("flag", [0, 1, 1, double.NaN, 0, 1]);
        Assert.Equal(ColumnKind.Categorical, flags.Kind);
        Assert.Equal(new Dictionary<string, long> { ["0"] = 2, ["1"] = 3 }, flags.Categories);
        Assert.Equal(1, flags.Missing);
    }

    [Fact]
    public void Time_windows_cut_by_duration_and_alerts_name_window_feature_rule_and_numbers()
    {
        var random = new Random(7);
        var reference = Enumerable.Range(0, 4000).Select(_ => random.NextDouble()).ToArray();
        var profile = new ReferenceProfile(
            "p",
            "h",
            4000,
            [ColumnProfileBuilder.Build("a", reference), ColumnProfileBuilder.Build("flag", reference.Select(v => v < 0.3 ? 1.0 : 0.0).ToArray())],
            ColumnProfileBuilder.Build("prediction", reference),
            new Dictionary<string, double> { ["auc"] = 0.9 });
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var rows = new List<MonitorRow>();
        for (var i = 0; i < 3000; i++)
        {
            // Hour 0 and 1 as trained; hour 2 shifted by +0.5 in feature a.
            var hour = i / 1000;
            var value = random.NextDouble() + (hour == 2 ? 0.5 : 0);
            rows.Add(new MonitorRow(start.AddHours(hour).AddSeconds(i % 1000), [(float)value, random.NextDouble() < 0.3 ? 1 : 0], random.NextDouble(), null));
        }

        var monitor = MonitorDefinition.Default with { WindowRows = 0, WindowDuration = TimeSpan.FromHours(1) };
        var report = DriftMonitor.Run(profile, monitor, rows, null, 1, "test", start.AddHours(3));
        Assert.Equal(3, report.Windows.Count);
        Assert.All(report.Windows, w => Assert.Equal(1000, w.Rows));
        Assert.Empty(report.Windows[0].Alerts);
        Assert.Empty(report.Windows[1].Alerts);
        var alerts = report.Windows[2].Alerts;
        Assert.All(alerts, a => Assert.Equal(("drift", "a", 3), (a.Kind, a.Subject, a.Window)));
        var ks = Assert.Single(alerts, a => a.Rule == "ks_p_value");
        Assert.True(ks.Value < ks.Threshold);
        Assert.Contains("window 3: a drifted: ks_p_value", ks.Message, StringComparison.Ordinal);
        Assert.Equal(MonitorAction.Alert, report.Actions);
    }
}
