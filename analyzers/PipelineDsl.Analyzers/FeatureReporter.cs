using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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

            // A symbol action, not an operation-block action: the driver would bind every method body of the compilation to
            // offer operation blocks. Here a feature's body is bound only when the syntax screen cannot prove it clean.
            start.RegisterSymbolAction(symbolContext =>
            {
                if (symbolContext.Symbol is IMethodSymbol method && KnownSymbols.HasAttribute(method, analysis.Symbols!.Feature))
                {
                    Report(method, analysis.Summarize(method, symbolContext.CancellationToken), analysis, rules, symbolContext.ReportDiagnostic);
                }
            }, SymbolKind.Method);
        });
    }

    private static void Report(
        IMethodSymbol method,
        ImmutableArray<Finding> findings,
        FeatureAnalysis analysis,
        ImmutableDictionary<string, DiagnosticDescriptor> rules,
        System.Action<Diagnostic> report)
    {
        var symbols = analysis.Symbols!;
        var dataset = symbols.DatasetOf(method);
        foreach (var finding in findings)
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
            if (finding.Id is DiagnosticIds.WholeDatasetStatistic or DiagnosticIds.TargetStatistic)
            {
                arguments.Add(finding.Extra);
            }

            arguments.Add(finding.ChainText);
            var properties = finding.Id == DiagnosticIds.NonDeterministic ? ClockFixProperties(method, dataset, finding, symbols) : null;
            report(Diagnostic.Create(descriptor, finding.Location, properties, arguments.ToArray()));
        }
    }

    /// <summary>
    /// PDSL101 on <c>DateTime.Now</c>/<c>UtcNow</c>/<c>Today</c> or <c>DateTimeOffset.Now</c>/<c>UtcNow</c> read directly in
    /// the feature body, whose row parameter's dataset declares a timestamp of the same type: the row parameter and the
    /// timestamp member, for the code fix that replaces the clock by the row's timestamp. Null otherwise.
    /// </summary>
    private static ImmutableDictionary<string, string?>? ClockFixProperties(IMethodSymbol method, ITypeSymbol? dataset, Finding finding, KnownSymbols symbols)
    {
        if (!finding.Chain.IsEmpty || dataset is null)
        {
            return null;
        }

        var clockType = finding.Detail switch
        {
            "DateTime.Now" or "DateTime.UtcNow" or "DateTime.Today" => symbols.DateTime,
            "DateTimeOffset.Now" or "DateTimeOffset.UtcNow" => symbols.DateTimeOffset,
            _ => null,
        };
        if (clockType is null
            || KnownSymbols.GetAttribute(dataset, symbols.Dataset) is not { } datasetAttribute
            || datasetAttribute.NamedArguments.FirstOrDefault(a => a.Key == "Timestamp").Value.Value is not string { Length: > 0 } timestamp)
        {
            return null;
        }

        var row = method.Parameters.FirstOrDefault(p => SymbolEqualityComparer.Default.Equals(p.Type.OriginalDefinition, dataset.OriginalDefinition));
        var memberType = dataset.GetMembers(timestamp).Select(m => m switch
        {
            IPropertySymbol property => property.Type,
            IFieldSymbol field => field.Type,
            _ => null,
        }).FirstOrDefault(t => t is not null);
        if (row is null || !SymbolEqualityComparer.Default.Equals(memberType, clockType))
        {
            return null;
        }

        return ImmutableDictionary.CreateRange(System.StringComparer.Ordinal, new[]
        {
            new KeyValuePair<string, string?>(DiagnosticProperties.RowParameter, row.Name),
            new KeyValuePair<string, string?>(DiagnosticProperties.TimestampMember, timestamp),
        });
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
