using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PipelineDsl.Analyzers;

/// <summary>
/// PDSL001, PDSL002 and PDSL004: a [Feature] (directly or through the user's helpers) reads the label, a member not
/// available at prediction time, or a static computed over every row of its dataset.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LeakageAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> Rules = FeatureReporter.Rules(
        DiagnosticDescriptors.ReadsLabel,
        DiagnosticDescriptors.ReadsNotAvailableAtPrediction,
        DiagnosticDescriptors.WholeDatasetStatistic,
        DiagnosticDescriptors.TargetStatistic);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ReadsLabel,
        DiagnosticDescriptors.ReadsNotAvailableAtPrediction,
        DiagnosticDescriptors.WholeDatasetStatistic,
        DiagnosticDescriptors.TargetStatistic);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        FeatureReporter.Register(context, Rules);
    }
}
