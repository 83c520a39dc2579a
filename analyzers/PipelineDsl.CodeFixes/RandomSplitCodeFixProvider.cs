using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PipelineDsl.Analyzers;

namespace PipelineDsl.CodeFixes;

/// <summary>
/// PDSL003: turns <c>Split = SplitStrategy.Random</c> (or <c>Stratified</c>) in a [Pipeline] into <c>SplitStrategy.Time</c>.
/// Offered only when the dataset is time-stamped (<see cref="DiagnosticProperties.TimestampMember"/>); a keyed dataset
/// without a timestamp has no mechanical fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RandomSplitCodeFixProvider))]
[Shared]
public sealed class RandomSplitCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the action.</summary>
    public const string EquivalenceKey = "PDSL003.UseTimeSplit";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RandomSplitOfTemporalData);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.TimestampMember, out var timestamp) || timestamp is not { Length: > 0 }
                || SyntaxHelpers.FindExact<AttributeArgumentSyntax>(root, diagnostic.Location.SourceSpan) is not { NameEquals: not null } argument)
            {
                continue;
            }

            // Keep the user's qualification (SplitStrategy.Random, PipelineDsl.SplitStrategy.Random); anything else becomes
            // the fully qualified member, simplified where it lands.
            ExpressionSyntax time = argument.Expression is MemberAccessExpressionSyntax access
                ? access.WithName(SyntaxFactory.IdentifierName("Time").WithTriviaFrom(access.Name))
                : SyntaxHelpers.Qualified("global::PipelineDsl.SplitStrategy.Time").WithTriviaFrom(argument.Expression);

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Split by time on '" + timestamp + "' (SplitStrategy.Time)",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, time))),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
