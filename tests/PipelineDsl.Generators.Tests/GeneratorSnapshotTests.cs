using PipelineDsl.Generators.Tests.Infrastructure;

namespace PipelineDsl.Generators.Tests;

/// <summary>Generated sources and diagnostics compared against approved files under <c>Snapshots/</c>.</summary>
public sealed class GeneratorSnapshotTests
{
    [Fact]
    public void Churn_binary_classification()
    {
        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(TestSources.Churn));

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Snapshot.Verify(driver.GetRunResult());
    }

    [Fact]
    public void Churn_with_canary_and_ab_deployments()
    {
        // Not about monitoring: PDSL223 (a deployed model without a [Monitor]) is silenced as a project's NoWarn would.
        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.Silence(GeneratorTestHelper.CreateCompilation(TestSources.ChurnDeployed), "PDSL223"));

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Snapshot.Verify(driver.GetRunResult());
    }

    [Fact]
    public void Churn_deployed_and_monitored()
    {
        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(TestSources.ChurnMonitored));

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Snapshot.Verify(driver.GetRunResult());
    }

    [Fact]
    public void House_prices_regression()
    {
        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(TestSources.Regression));

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Snapshot.Verify(driver.GetRunResult());
    }
}
