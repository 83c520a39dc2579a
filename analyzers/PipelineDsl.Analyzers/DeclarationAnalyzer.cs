using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PipelineDsl.Analyzers;

/// <summary>
/// Rules over the declarations rather than feature code:
/// PDSL005 a [Window] over a [NotAvailableAtPrediction] member with no Lag (Count reads no value and is exempt);
/// PDSL215 a gate rule on a metric the model's task does not produce;
/// PDSL216 a WorstFold gate rule on a model whose pipelines declare no BacktestFolds (checked at the end of the
/// compilation, once every pipeline has been seen).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeclarationAnalyzer : DiagnosticAnalyzer
{
    private const int BinaryClassification = 0;
    private const int Count = 0;
    private static readonly string[] MetricNames = ["AUC", "F1", "precision", "recall", "log-loss", "accuracy", "RMSE", "MAE", "R2"];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.WindowOverLateMember,
        DiagnosticDescriptors.GateMetricNotProduced,
        DiagnosticDescriptors.WorstFoldWithoutBacktest);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            var window = compilation.GetTypeByMetadataName("PipelineDsl.WindowAttribute");
            var gate = compilation.GetTypeByMetadataName("PipelineDsl.GateAttribute");
            var minMetric = compilation.GetTypeByMetadataName("PipelineDsl.MinMetricAttribute");
            var maxMetric = compilation.GetTypeByMetadataName("PipelineDsl.MaxMetricAttribute");
            if (KnownSymbols.Create(compilation) is not { } symbols || gate is null || minMetric is null || maxMetric is null)
            {
                return;
            }

            var backtested = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
            var worstFoldRules = new ConcurrentBag<(INamedTypeSymbol Model, string Gate, Location Location)>();
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var type = (INamedTypeSymbol)symbolContext.Symbol;
                    if (window is not null)
                    {
                        CheckWindows(symbolContext, type, symbols, window);
                    }

                    CheckGates(symbolContext, type, symbols, gate, minMetric, maxMetric, worstFoldRules);
                    RecordBacktest(type, symbols, backtested);
                },
                SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end =>
            {
                foreach (var (model, gateName, location) in worstFoldRules)
                {
                    // Only models that some pipeline runs: a gate nobody runs is not this rule's concern.
                    if (backtested.TryGetValue(model, out var hasBacktest) && !hasBacktest)
                    {
                        end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.WorstFoldWithoutBacktest, location, gateName, model.Name));
                    }
                }
            });
        });
    }

    private static void CheckWindows(SymbolAnalysisContext context, INamedTypeSymbol type, KnownSymbols symbols, INamedTypeSymbol window)
    {
        if (KnownSymbols.GetAttribute(type, symbols.FeatureSet) is not { ConstructorArguments.Length: > 0 } set
            || set.ConstructorArguments[0].Value is not INamedTypeSymbol row)
        {
            return;
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, window) || attribute.ConstructorArguments.Length != 4
                || attribute.ConstructorArguments[0].Value is not string name || attribute.ConstructorArguments[1].Value is not string member
                || attribute.ConstructorArguments[2].Value is int aggregate && aggregate == Count
                || attribute.NamedArguments.Any(a => a.Key == "Lag" && a.Value.Value is string { Length: > 0 }))
            {
                continue;
            }

            var property = row.GetMembers(member).OfType<IPropertySymbol>().FirstOrDefault();
            if (property is not null && KnownSymbols.HasAttribute(property, symbols.NotAvailableAtPrediction))
            {
                var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? type.Locations.FirstOrDefault();
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.WindowOverLateMember, location, name, member));
            }
        }
    }

    private static void CheckGates(
        SymbolAnalysisContext context,
        INamedTypeSymbol type,
        KnownSymbols symbols,
        INamedTypeSymbol gate,
        INamedTypeSymbol minMetric,
        INamedTypeSymbol maxMetric,
        ConcurrentBag<(INamedTypeSymbol, string, Location)> worstFoldRules)
    {
        if (KnownSymbols.GetAttribute(type, gate) is not { ConstructorArguments.Length: > 0 } gateAttribute
            || gateAttribute.ConstructorArguments[0].Value is not INamedTypeSymbol model
            || KnownSymbols.GetAttribute(model, symbols.Model) is not { } modelAttribute)
        {
            return;
        }

        var task = modelAttribute.NamedArguments.FirstOrDefault(a => a.Key == "Task").Value.Value is int t ? t : BinaryClassification;
        foreach (var attribute in type.GetAttributes())
        {
            var isRule = SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, minMetric) || SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, maxMetric);
            if (!isRule || attribute.ConstructorArguments.Length != 2 || attribute.ConstructorArguments[0].Value is not int metric
                || metric < 0 || metric >= MetricNames.Length)
            {
                continue;
            }

            var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? type.Locations.FirstOrDefault();
            var classification = metric <= 5;
            if (classification != (task == BinaryClassification))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.GateMetricNotProduced,
                    location,
                    type.Name,
                    MetricNames[metric],
                    task == BinaryClassification ? "binary classification" : "regression",
                    task == BinaryClassification ? "AUC, F1, precision, recall, log-loss, accuracy" : "RMSE, MAE, R2"));
            }

            if (attribute.NamedArguments.Any(a => a.Key == "WorstFold" && a.Value.Value is true) && location is not null)
            {
                worstFoldRules.Add((model, type.Name, location));
            }
        }
    }

    /// <summary>Records, per model that some pipeline runs, whether any of its pipelines backtests.</summary>
    private static void RecordBacktest(INamedTypeSymbol type, KnownSymbols symbols, ConcurrentDictionary<INamedTypeSymbol, bool> backtested)
    {
        if (KnownSymbols.GetAttribute(type, symbols.Pipeline) is not { ConstructorArguments.Length: 2 } pipeline
            || pipeline.ConstructorArguments[1].Value is not INamedTypeSymbol model)
        {
            return;
        }

        var folds = pipeline.NamedArguments.FirstOrDefault(a => a.Key == "BacktestFolds").Value.Value is int f ? f : 0;
        backtested.AddOrUpdate(model, folds >= 2, (_, previous) => previous || folds >= 2);
    }
}
