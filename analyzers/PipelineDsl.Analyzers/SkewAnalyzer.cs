using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PipelineDsl.Analyzers;

/// <summary>
/// PDSL101 to PDSL105: a [Feature] (directly or through the user's helpers) is non-deterministic, culture-sensitive,
/// reads mutable static state, I/O, the environment or configuration, or uses a nullable row member without a default.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SkewAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> Rules = FeatureReporter.Rules(
        DiagnosticDescriptors.NonDeterministic,
        DiagnosticDescriptors.CultureSensitive,
        DiagnosticDescriptors.MutableStaticState,
        DiagnosticDescriptors.ExternalState,
        DiagnosticDescriptors.NullableWithoutDefault,
        DiagnosticDescriptors.TimeZoneDependent);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NonDeterministic,
        DiagnosticDescriptors.CultureSensitive,
        DiagnosticDescriptors.MutableStaticState,
        DiagnosticDescriptors.ExternalState,
        DiagnosticDescriptors.NullableWithoutDefault,
        DiagnosticDescriptors.TimeZoneDependent);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        FeatureReporter.Register(context, Rules);
    }
}
