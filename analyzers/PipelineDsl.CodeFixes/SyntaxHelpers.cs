using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace PipelineDsl.CodeFixes;

/// <summary>Small syntax utilities shared by the code fixes.</summary>
internal static class SyntaxHelpers
{
    /// <summary>
    /// The innermost node of type <typeparamref name="T"/> whose span is exactly <paramref name="span"/> (a diagnostic on
    /// an argument's expression spans both the argument and the expression).
    /// </summary>
    public static T? FindExact<T>(SyntaxNode root, TextSpan span)
        where T : SyntaxNode
    {
        if (!root.FullSpan.Contains(span))
        {
            return null;
        }

        return root.FindNode(span, getInnermostNodeForTie: true)
            .AncestorsAndSelf()
            .TakeWhile(n => n.Span == span)
            .OfType<T>()
            .FirstOrDefault();
    }

    /// <summary>
    /// A fully qualified expression (<c>global::System.Globalization.CultureInfo.InvariantCulture</c>) that the code action's
    /// cleanup reduces to the shortest name valid where it lands.
    /// </summary>
    public static ExpressionSyntax Qualified(string globalName) =>
        SyntaxFactory.ParseExpression(globalName).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary>Inserts arguments at <paramref name="index"/>, keeping the existing separators and their trivia.</summary>
    public static ArgumentListSyntax InsertArguments(ArgumentListSyntax list, int index, params ExpressionSyntax[] expressions)
    {
        var nodes = list.Arguments.ToList();
        nodes.InsertRange(index, expressions.Select(SyntaxFactory.Argument));

        var separators = list.Arguments.GetSeparators().ToList();
        var added = Enumerable.Range(0, nodes.Count - 1 - separators.Count)
            .Select(_ => SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
        separators.InsertRange(System.Math.Min(index, separators.Count), added);

        return list.WithArguments(SyntaxFactory.SeparatedList(nodes, separators));
    }

    /// <summary>An identifier for a symbol name, escaped with <c>@</c> when the name is a keyword.</summary>
    public static IdentifierNameSyntax Identifier(string name) =>
        SyntaxFactory.IdentifierName(SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name);

    /// <summary>The arguments' expressions, in order.</summary>
    public static IReadOnlyList<ExpressionSyntax> Expressions(ArgumentListSyntax list) => list.Arguments.Select(a => a.Expression).ToList();
}
