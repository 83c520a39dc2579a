using Microsoft.CodeAnalysis;
using PipelineDsl.Generators.Tests.Infrastructure;

namespace PipelineDsl.Generators.Tests;

/// <summary>
/// Generated sources of a point-in-time feature set (windows of every aggregate, a count window, a lagged window, a
/// time-only and a keyed as-of join) and of its pipeline (joined dataset nodes, a backtest node, worst-fold gates),
/// compared against approved files under <c>Snapshots/TemporalSnapshotTests/</c>.
/// </summary>
public sealed class TemporalSnapshotTests
{
    [Fact]
    public void Point_in_time_feature_set_and_backtested_pipeline()
    {
        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(TemporalTestSources.All));

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Snapshot.Verify(driver.GetRunResult());
    }
}
