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
        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(TestSources.ChurnDeployed));

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
