using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PipelineDsl.Analyzers;

namespace PipelineDsl.CodeFixes;

/// <summary>
/// PDSL102: makes a culture-sensitive call culture-invariant where that is mechanical. <c>Parse</c>, <c>ToString()</c>,
/// <c>ToString(format)</c> and <c>Convert.ToXxx(string)</c> get <c>CultureInfo.InvariantCulture</c>; <c>TryParse</c> gets
/// <c>NumberStyles.Float</c>/<c>Integer</c> (or <c>DateTimeStyles.None</c>) and the invariant culture;
/// <c>string.Compare</c> gets <c>StringComparison.Ordinal</c>; <c>ToUpper()</c>/<c>ToLower()</c> become
/// <c>ToUpperInvariant()</c>/<c>ToLowerInvariant()</c>. No fix when the diagnostic is on a call to the user's own helper.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CultureSensitiveCodeFixProvider))]
[Shared]
public sealed class CultureSensitiveCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of every action this provider offers (one fix-all covers all shapes).</summary>
    public const string EquivalenceKey = "PDSL102.UseInvariantCulture";

    private const string InvariantCulture = "global::System.Globalization.CultureInfo.InvariantCulture";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CultureSensitive);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (SyntaxHelpers.FindExact<InvocationExpressionSyntax>(root, diagnostic.Location.SourceSpan) is not { } invocation
                || Rewrite(invocation, model, context.CancellationToken) is not { } fix)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    fix.Title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(invocation, fix.Replacement))),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The invariant form of the call and the action's title, or null when the call is not one of the mechanical shapes.</summary>
    private static (string Title, InvocationExpressionSyntax Replacement)? Rewrite(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return null;
        }

        var type = method.ContainingType;
        var parameters = method.Parameters;
        var arguments = invocation.ArgumentList;
        var count = arguments.Arguments.Count;
        if (count != parameters.Length || arguments.Arguments.Any(a => a.NameColon is not null))
        {
            return null;
        }

        const string UseInvariant = "Use CultureInfo.InvariantCulture";
        (string Title, InvocationExpressionSyntax? Replacement)? result = method.Name switch
        {
            "Parse" when method.IsStatic && IsFormatted(type) && IsString(parameters, 0)
                && (count == 1 || (count == 2 && parameters[1].Type.Name == "NumberStyles"))
                => (UseInvariant, Append(invocation, SyntaxHelpers.Qualified(InvariantCulture))),

            "TryParse" when method.IsStatic && IsFormatted(type) && count == 2 && IsString(parameters, 0) && parameters[1].RefKind == RefKind.Out
                => (UseInvariant, invocation.WithArgumentList(SyntaxHelpers.InsertArguments(arguments, 1, TryParseArguments(type)))),

            "ToString" when !method.IsStatic && IsFormatted(type) && (count == 0 || (count == 1 && IsString(parameters, 0)))
                => (UseInvariant, Append(invocation, SyntaxHelpers.Qualified(InvariantCulture))),

            _ when method.IsStatic && type.ToDisplayString() == "System.Convert" && count == 1 && IsString(parameters, 0) && IsFormatted(method.ReturnType)
                => (UseInvariant, Append(invocation, SyntaxHelpers.Qualified(InvariantCulture))),

            "Compare" when method.IsStatic && type.SpecialType == SpecialType.System_String && count is 2 or 5
                && parameters.All(p => p.Type.SpecialType is SpecialType.System_String or SpecialType.System_Int32)
                => ("Use StringComparison.Ordinal", Append(invocation, SyntaxHelpers.Qualified("global::System.StringComparison.Ordinal"))),

            "ToUpper" or "ToLower" when (!method.IsStatic && type.SpecialType == SpecialType.System_String && count == 0)
                || (method.IsStatic && type.SpecialType == SpecialType.System_Char && count == 1)
                => ("Use " + method.Name + "Invariant()", Rename(invocation, method.Name + "Invariant")),

            _ => null,
        };

        if (result is not { Replacement: { } replacement } fix)
        {
            return null;
        }

        // The rewritten call must bind to an overload with the same return type (it always does for the BCL shapes above;
        // this guards against user types that happen to share a name, e.g. a Convert class of their own).
        var speculative = model.GetSpeculativeSymbolInfo(invocation.SpanStart, replacement, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
        if (speculative is null || !SymbolEqualityComparer.Default.Equals(speculative.ReturnType, method.ReturnType))
        {
            return null;
        }

        return (fix.Title, replacement);
    }

    private static ExpressionSyntax[] TryParseArguments(INamedTypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_DateTime || type.ToDisplayString() == "System.DateTimeOffset")
        {
            return new[] { SyntaxHelpers.Qualified(InvariantCulture), SyntaxHelpers.Qualified("global::System.Globalization.DateTimeStyles.None") };
        }

        var styles = type.SpecialType is SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal ? "Float" : "Integer";
        return new[] { SyntaxHelpers.Qualified("global::System.Globalization.NumberStyles." + styles), SyntaxHelpers.Qualified(InvariantCulture) };
    }

    private static InvocationExpressionSyntax Append(InvocationExpressionSyntax invocation, ExpressionSyntax argument) =>
        invocation.WithArgumentList(SyntaxHelpers.InsertArguments(invocation.ArgumentList, invocation.ArgumentList.Arguments.Count, argument));

    private static InvocationExpressionSyntax? Rename(InvocationExpressionSyntax invocation, string name)
    {
        SimpleNameSyntax Renamed(SimpleNameSyntax old) => SyntaxFactory.IdentifierName(name).WithTriviaFrom(old);
        return invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => invocation.WithExpression(access.WithName(Renamed(access.Name))),
            MemberBindingExpressionSyntax binding => invocation.WithExpression(binding.WithName(Renamed(binding.Name))),
            IdentifierNameSyntax identifier => invocation.WithExpression(Renamed(identifier)),
            _ => null,
        };
    }

    private static bool IsString(ImmutableArray<IParameterSymbol> parameters, int index) =>
        parameters.Length > index && parameters[index].Type.SpecialType == SpecialType.System_String && parameters[index].RefKind == RefKind.None;

    private static bool IsFormatted(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
            or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal or SpecialType.System_DateTime
        || type.ToDisplayString() == "System.DateTimeOffset";
}
