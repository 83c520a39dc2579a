using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PipelineDsl.Analyzers;

namespace PipelineDsl.CodeFixes;

/// <summary>
/// PDSL101: replaces <c>DateTime.Now</c>/<c>UtcNow</c> (and <c>DateTimeOffset.Now</c>/<c>UtcNow</c>) in a [Feature] body by the
/// row's timestamp member, and <c>DateTime.Today</c> by its <c>.Date</c>. Offered only when the analyzer attached the row
/// parameter and the timestamp member (<see cref="DiagnosticProperties"/>): the read is directly in the feature body and
/// the dataset declares a timestamp of the clock's type.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClockCodeFixProvider))]
[Shared]
public sealed class ClockCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the action.</summary>
    public const string EquivalenceKey = "PDSL101.UseRowTimestamp";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NonDeterministic);

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
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.RowParameter, out var row) || row is not { Length: > 0 }
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.TimestampMember, out var timestamp) || timestamp is not { Length: > 0 }
                || SyntaxHelpers.FindExact<ExpressionSyntax>(root, diagnostic.Location.SourceSpan) is not { } read
                || model.GetSymbolInfo(read, context.CancellationToken).Symbol is not IPropertySymbol { IsStatic: true } clock
                || clock.Name is not ("Now" or "UtcNow" or "Today")
                || !RowIsInScope(read, row, model))
            {
                continue;
            }

            ExpressionSyntax replacement = SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression, SyntaxHelpers.Identifier(row), SyntaxHelpers.Identifier(timestamp));
            if (clock.Name == "Today")
            {
                replacement = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, replacement, SyntaxFactory.IdentifierName("Date"));
            }

            var text = replacement.ToString();
            replacement = replacement.WithTriviaFrom(read);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use the row's timestamp '" + text + "'",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(read, replacement))),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The row parameter is what the name binds to at the read, and no static lambda or local function is in between.</summary>
    private static bool RowIsInScope(SyntaxNode read, string row, SemanticModel model)
    {
        foreach (var ancestor in read.Ancestors())
        {
            if ((ancestor is AnonymousFunctionExpressionSyntax lambda && lambda.Modifiers.Any(SyntaxKind.StaticKeyword))
                || (ancestor is LocalFunctionStatementSyntax local && local.Modifiers.Any(SyntaxKind.StaticKeyword)))
            {
                return false;
            }

            if (ancestor is BaseMethodDeclarationSyntax)
            {
                break;
            }
        }

        return model.LookupSymbols(read.SpanStart, name: row).FirstOrDefault() is IParameterSymbol;
    }
}
