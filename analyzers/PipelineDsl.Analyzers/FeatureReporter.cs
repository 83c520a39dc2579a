using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PipelineDsl.Analyzers;

/// <summary>Turns the findings of one [Feature] method into diagnostics of the requested rules.</summary>
internal static class FeatureReporter
{
    /// <summary>Resolves the shared analysis once per compilation and reports the findings of each [Feature] method.</summary>
    public static void Register(AnalysisContext context, ImmutableDictionary<string, DiagnosticDescriptor> rules)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (FeatureAnalysis.For(start.Compilation) is not { } analysis)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => Report(symbolContext, analysis, rules), SymbolKind.Method);
        });
    }

    private static void Report(SymbolAnalysisContext context, FeatureAnalysis analysis, ImmutableDictionary<string, DiagnosticDescriptor> rules)
    {
        var symbols = analysis.Symbols!;
        var method = (IMethodSymbol)context.Symbol;
        if (!KnownSymbols.HasAttribute(method, symbols.Feature))
        {
            return;
        }

        var dataset = symbols.DatasetOf(method);
        foreach (var finding in analysis.Summarize(method, context.CancellationToken))
        {
            if (!rules.TryGetValue(finding.Id, out var descriptor))
            {
                continue;
            }

            // The label and whole-dataset statistics matter for the feature's own rows, not for joined datasets.
            if (finding.Subject is not null && !SymbolEqualityComparer.Default.Equals(finding.Subject.OriginalDefinition, dataset?.OriginalDefinition))
            {
                continue;
            }

            var arguments = new List<object> { method.Name, finding.Detail };
            if (finding.Id == DiagnosticIds.WholeDatasetStatistic)
            {
                arguments.Add(finding.Extra);
            }

            arguments.Add(finding.ChainText);
            context.ReportDiagnostic(Diagnostic.Create(descriptor, finding.Location, arguments.ToArray()));
        }
    }

    public static ImmutableDictionary<string, DiagnosticDescriptor> Rules(params DiagnosticDescriptor[] descriptors)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, DiagnosticDescriptor>(System.StringComparer.Ordinal);
        foreach (var descriptor in descriptors)
        {
            builder.Add(descriptor.Id, descriptor);
        }

        return builder.ToImmutable();
    }
}
