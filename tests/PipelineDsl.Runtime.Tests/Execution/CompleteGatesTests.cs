using PipelineDsl.Runtime.Execution;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Execution;

/// <summary>
/// Every kind of gate on a real run of the synthetic pipeline: calibration, p99 latency of single-row prediction,
/// slices, fairness and no-regression against the production champion; each verdict stored with its numbers.
/// </summary>
public sealed class CompleteGatesTests
{
    private static PipelineRunOptions Options(TempDirectory temp) => new()
    {
        StorePath = temp.Combine(".mlpipeline"),
        SourceSearchPaths = [temp.Path],
    };

    private static readonly GateRule[] AllKinds =
    [
        new(Metric.Auc, GateComparison.AtLeast, 0.8),
        new(Metric.CalibrationError, GateComparison.AtMost, 0.2),
        new(Metric.P99LatencyMs, GateComparison.AtMost, 50),
        new(Metric.Recall, GateComparison.AtLeast, 0.5) { Kind = GateKind.Slice, Member = nameof(SyntheticRow.Segment), MinRows = 20 },
        new(Metric.Auc, GateComparison.AtMost, 0.5) { Kind = GateKind.Fairness, Member = nameof(SyntheticRow.Segment), Criterion = FairnessCriterion.DemographicParity, MinRows = 20 },
        new(Metric.Auc, GateComparison.AtLeast, 0.0) { Kind = GateKind.NoRegression },
    ];

    [Fact]
    public async Task Every_kind_of_gate_is_measured_judged_and_stored_with_its_numbers()
    {
        using var temp = new TempDirectory();
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));

        var result = await SyntheticPipeline.Create("data.csv", gates: AllKinds).RunAsync(Options(temp));

        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message + "\n" + string.Join("\n", result.GateVerdicts.Select(v => v.Message)));
        var metrics = result.Metrics;
        Assert.InRange(metrics["calibration_error"], 0, 0.2);
        Assert.InRange(metrics["p99_latency_ms"], 0.0001, 50);
        foreach (var segment in new[] { "a", "b", "c" })
        {
            Assert.True(metrics[$"slice.Segment={segment}.rows"] >= 20);
            Assert.InRange(metrics[$"slice.Segment={segment}.recall"], 0, 1);
            Assert.InRange(metrics[$"fairness.Segment={segment}.positive_rate"], 0, 1);
        }

        Assert.Equal(120, new[] { "a", "b", "c" }.Sum(s => metrics[$"slice.Segment={s}.rows"]));
        var rates = new[] { "a", "b", "c" }.Select(s => metrics[$"fairness.Segment={s}.positive_rate"]).ToArray();
        Assert.Equal(rates.Max() - rates.Min(), metrics["fairness.Segment.demographic_parity_difference"], 12);
        Assert.Contains(result.GateVerdicts, v => v.Message.StartsWith("no regression of auc against production (tolerance 0): no production version yet", StringComparison.Ordinal));

        using var store = new PipelineStore(Options(temp).StorePath);
        var gates = store.GetRun(result.RunId)!.Gates;
        Assert.Equal(AllKinds.Length, gates.Count);
        Assert.Contains(gates, g => g.Metric == "fairness.Segment.demographic_parity_difference" && Math.Abs(g.Value - (rates.Max() - rates.Min())) < 1e-12);
        Assert.Contains(gates, g => g.Metric == "p99_latency_ms" && g.Value == metrics["p99_latency_ms"]);
    }

    [Fact]
    public async Task A_candidate_worse_than_the_production_champion_fails_no_regression_and_cannot_be_promoted()
    {
        using var temp = new TempDirectory();
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"));
        GateRule[] gates = [new(Metric.Auc, GateComparison.AtLeast, 0.001) { Kind = GateKind.NoRegression }];
        var champion = await SyntheticPipeline.Create("data.csv", gates: gates).RunAsync(Options(temp));
        using (var store = new PipelineStore(Options(temp).StorePath))
        {
            store.Promote(SyntheticPipeline.Name, champion.ModelVersion!.Value, ModelStages.Production, "test", "alice: the first model");
        }

        // The same data with noisier labels: the candidate's AUC drops well below the champion's.
        SyntheticPipeline.WriteCsv(temp.Combine("data.csv"), seed: 7, noise: 8);
        var candidate = await SyntheticPipeline.Create("data.csv", gates: gates).RunAsync(Options(temp));

        Assert.Equal(PipelineRunStatus.FailedGate, candidate.Status);
        var verdict = Assert.Single(candidate.GateVerdicts);
        Assert.Contains($"of production v{champion.ModelVersion}", verdict.Message);
        Assert.True(verdict.Value < -0.001, verdict.Message);
        using var after = new PipelineStore(Options(temp).StorePath);
        Assert.Throws<InvalidOperationException>(() => after.Promote(SyntheticPipeline.Name, candidate.ModelVersion!.Value, ModelStages.Staging, "test", null));
        Assert.Equal(champion.ModelVersion, after.GetStageVersion(SyntheticPipeline.Name, ModelStages.Production)!.Version);
    }
}
