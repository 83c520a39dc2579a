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
/// PDSL215 a gate rule on a metric the model's task does not produce (fairness rules need binary classification);
/// PDSL217 a slice or fairness gate over a member the model's dataset does not have;
/// PDSL216 a WorstFold gate rule on a model whose pipelines declare no BacktestFolds (checked at the end of the
/// compilation, once every pipeline has been seen).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeclarationAnalyzer : DiagnosticAnalyzer
{
    private const int BinaryClassification = 0;
    private const int Count = 0;
    private const int CalibrationError = 9;
    private const int P99LatencyMs = 10;
    private static readonly string[] MetricNames = ["AUC", "F1", "precision", "recall", "log-loss", "accuracy", "RMSE", "MAE", "R2", "calibration error", "p99 latency"];
    private static readonly string[] RuleAttributes = ["MinMetricAttribute", "MaxMetricAttribute", "NoRegressionAttribute", "SliceGateAttribute", "FairnessGateAttribute"];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.WindowOverLateMember,
        DiagnosticDescriptors.GateMetricNotProduced,
        DiagnosticDescriptors.WorstFoldWithoutBacktest,
        DiagnosticDescriptors.GateMemberNotInDataset);

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
            if (KnownSymbols.Create(compilation) is not { } symbols || gate is null)
            {
                return;
            }

            var rules = RuleAttributes
                .Select(name => compilation.GetTypeByMetadataName("PipelineDsl." + name))
                .Where(t => t is not null)
                .Select(t => t!)
                .ToImmutableHashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);

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

                    CheckGates(symbolContext, type, symbols, gate, rules, worstFoldRules);
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
        ImmutableHashSet<INamedTypeSymbol> rules,
        ConcurrentBag<(INamedTypeSymbol, string, Location)> worstFoldRules)
    {
        if (KnownSymbols.GetAttribute(type, gate) is not { ConstructorArguments.Length: > 0 } gateAttribute
            || gateAttribute.ConstructorArguments[0].Value is not INamedTypeSymbol model
            || KnownSymbols.GetAttribute(model, symbols.Model) is not { } modelAttribute)
        {
            return;
        }

        var task = modelAttribute.NamedArguments.FirstOrDefault(a => a.Key == "Task").Value.Value is int t ? t : BinaryClassification;
        var taskName = task == BinaryClassification ? "binary classification" : "regression";
        var produces = task == BinaryClassification ? "AUC, F1, precision, recall, log-loss, accuracy, calibration error, p99 latency" : "RMSE, MAE, R2, p99 latency";
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is not { } rule || !rules.Contains(rule))
            {
                continue;
            }

            var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? type.Locations.FirstOrDefault();
            var args = attribute.ConstructorArguments;
            switch (rule.Name)
            {
                case "FairnessGateAttribute" when args.Length == 3:
                    if (task != BinaryClassification)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GateMetricNotProduced, location, type.Name, "a fairness difference", taskName, produces));
                    }

                    CheckMember(context, type, model, symbols, args[0].Value as string, location);
                    continue;
                case "SliceGateAttribute" when args.Length == 3:
                    CheckMember(context, type, model, symbols, args[0].Value as string, location);
                    CheckMetric(context, type, args[1].Value, task, taskName, produces, location);
                    continue;
                case "NoRegressionAttribute" when args.Length == 1:
                    CheckMetric(context, type, args[0].Value, task, taskName, produces, location);
                    continue;
                case "MinMetricAttribute" or "MaxMetricAttribute" when args.Length == 2:
                    CheckMetric(context, type, args[0].Value, task, taskName, produces, location);
                    if (attribute.NamedArguments.Any(a => a.Key == "WorstFold" && a.Value.Value is true) && location is not null)
                    {
                        worstFoldRules.Add((model, type.Name, location));
                    }

                    continue;
            }
        }
    }

    private static void CheckMetric(SymbolAnalysisContext context, INamedTypeSymbol type, object? value, int task, string taskName, string produces, Location? location)
    {
        if (value is not int metric || metric < 0 || metric >= MetricNames.Length || metric == P99LatencyMs)
        {
            return;
        }

        var classification = metric <= 5 || metric == CalibrationError;
        if (classification != (task == BinaryClassification))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GateMetricNotProduced, location, type.Name, MetricNames[metric], taskName, produces));
        }
    }

    /// <summary>PDSL217: the sliced or sensitive member must be a property or field of the model's dataset row.</summary>
    private static void CheckMember(SymbolAnalysisContext context, INamedTypeSymbol type, INamedTypeSymbol model, KnownSymbols symbols, string? member, Location? location)
    {
        if (member is null
            || KnownSymbols.GetAttribute(model, symbols.Model) is not { ConstructorArguments.Length: > 0 } modelAttribute
            || modelAttribute.ConstructorArguments[0].Value is not INamedTypeSymbol featureSet
            || KnownSymbols.GetAttribute(featureSet, symbols.FeatureSet) is not { ConstructorArguments.Length: > 0 } setAttribute
            || setAttribute.ConstructorArguments[0].Value is not INamedTypeSymbol row)
        {
            return;
        }

        if (!row.GetMembers(member).Any(m => m is IPropertySymbol { IsStatic: false } or IFieldSymbol { IsStatic: false }))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GateMemberNotInDataset, location, type.Name, member, row.Name));
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
