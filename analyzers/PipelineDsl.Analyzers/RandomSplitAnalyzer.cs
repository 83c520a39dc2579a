using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PipelineDsl.Analyzers;

/// <summary>
/// PDSL003: a [Pipeline] with <c>Split = SplitStrategy.Random</c> or <c>Stratified</c> whose model's feature set's
/// dataset has a <c>Timestamp</c> or a [Key] member. Reported on the <c>Split</c> argument.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RandomSplitAnalyzer : DiagnosticAnalyzer
{
    private const int Random = 1;
    private const int Stratified = 2;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.RandomSplitOfTemporalData);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownSymbols.Create(start.Compilation) is not { Pipeline: not null } symbols)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, KnownSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (KnownSymbols.GetAttribute(type, symbols.Pipeline) is not { } pipeline)
        {
            return;
        }

        var split = pipeline.NamedArguments.FirstOrDefault(a => a.Key == "Split");
        if (split.Key is null || split.Value.Value is not int strategy || strategy is not (Random or Stratified))
        {
            return;
        }

        if (pipeline.ConstructorArguments.Length < 2 || pipeline.ConstructorArguments[1].Value is not INamedTypeSymbol model
            || KnownSymbols.GetAttribute(model, symbols.Model) is not { ConstructorArguments.Length: > 0 } modelAttribute
            || modelAttribute.ConstructorArguments[0].Value is not INamedTypeSymbol featureSet
            || KnownSymbols.GetAttribute(featureSet, symbols.FeatureSet) is not { ConstructorArguments.Length: > 0 } setAttribute
            || setAttribute.ConstructorArguments[0].Value is not INamedTypeSymbol dataset
            || KnownSymbols.GetAttribute(dataset, symbols.Dataset) is not { } datasetAttribute)
        {
            return;
        }

        string? reason = null;
        ImmutableDictionary<string, string?>? properties = null;
        var timestamp = datasetAttribute.NamedArguments.FirstOrDefault(a => a.Key == "Timestamp");
        if (timestamp.Key is not null && timestamp.Value.Value is string { Length: > 0 } member)
        {
            reason = "a timestamp ('" + member + "')";
            properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.TimestampMember, member);
        }
        else if (dataset.GetMembers().OfType<IPropertySymbol>().FirstOrDefault(p => KnownSymbols.HasAttribute(p, symbols.Key)) is { } key)
        {
            reason = "a key ('" + key.Name + "')";
        }

        if (reason is null)
        {
            return;
        }

        var location = SplitArgumentLocation(pipeline, context.CancellationToken) ?? type.Locations.FirstOrDefault();
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.RandomSplitOfTemporalData,
            location,
            properties,
            type.Name,
            strategy == Random ? "random" : "stratified",
            dataset.Name,
            reason));
    }

    private static Location? SplitArgumentLocation(AttributeData attribute, System.Threading.CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList: { } arguments })
        {
            return null;
        }

        return arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Split")?.GetLocation();
    }
}
