using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace PipelineDsl.Analyzers;

/// <summary>
/// The interprocedural engine shared by the leakage and skew analyzers. It summarises a method body into
/// <see cref="Finding"/>s, following calls into the user's own methods, local functions, constructors and property
/// getters (lambdas are walked in place), cycle-safe and at most <see cref="MaxDepth"/> calls deep. Summaries are
/// cached per compilation (one instance per <see cref="Compilation"/>, shared by both analyzers); a summary cut short
/// by a cycle or the depth limit is not cached, so a cached summary is always complete.
/// </summary>
internal sealed partial class FeatureAnalysis
{
    /// <summary>How many calls deep the analysis follows the user's helpers.</summary>
    public const int MaxDepth = 8;

    private static readonly ConditionalWeakTable<Compilation, FeatureAnalysis> Instances = new();

    private readonly Compilation compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<Finding>> summaries = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, ImmutableArray<(ITypeSymbol Row, bool ReadsLabel)>> staticRowSources = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> models = new();
    private readonly ConcurrentDictionary<SyntaxTree, bool> generated = new();
    private readonly ConcurrentDictionary<IPropertySymbol, bool> autoProperties = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> provedClean = new(SymbolEqualityComparer.Default);

    private FeatureAnalysis(Compilation compilation, KnownSymbols? symbols, bool screening)
    {
        this.compilation = compilation;
        Symbols = symbols;
        this.screening = screening;
    }

    /// <summary>Null when the compilation does not reference PipelineDsl.</summary>
    public KnownSymbols? Symbols { get; }

    /// <summary>The shared instance for <paramref name="compilation"/>, or null when PipelineDsl is not referenced.</summary>
    public static FeatureAnalysis? For(Compilation compilation)
    {
        var analysis = Instances.GetValue(compilation, static c => new FeatureAnalysis(c, KnownSymbols.Create(c), screening: true));
        return analysis.Symbols is null ? null : analysis;
    }

    /// <summary>A fresh, unshared instance; <paramref name="screening"/> false binds and walks every body (tests compare both).</summary>
    internal static FeatureAnalysis? Create(Compilation compilation, bool screening)
    {
        var analysis = new FeatureAnalysis(compilation, KnownSymbols.Create(compilation), screening);
        return analysis.Symbols is null ? null : analysis;
    }

    /// <summary>How many methods the syntax screen proved clean without binding them (for tests and benchmarks).</summary>
    internal int ScreenedClean => provedClean.Count;

    /// <summary>Whether the syntax screen proved <paramref name="method"/> clean without binding it.</summary>
    internal bool ProvedClean(IMethodSymbol method) => provedClean.ContainsKey(Normalize(method));

    /// <summary>Every finding in <paramref name="method"/>'s body and in the user code it reaches, de-duplicated, in source order.</summary>
    public ImmutableArray<Finding> Summarize(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var normalized = Normalize(method);
        if (summaries.TryGetValue(normalized, out var cached))
        {
            return cached;
        }

        var stack = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        return Summarize(normalized, 0, stack, cancellationToken, out _);
    }

    private ImmutableArray<Finding> Summarize(IMethodSymbol method, int depth, HashSet<IMethodSymbol> stack, CancellationToken cancellationToken, out bool complete)
    {
        if (summaries.TryGetValue(method, out var cached))
        {
            complete = true;
            return cached;
        }

        if (depth > MaxDepth || !stack.Add(method))
        {
            complete = false;
            return ImmutableArray<Finding>.Empty;
        }

        if (ScreensClean(method, depth, stack, cancellationToken))
        {
            stack.Remove(method);
            provedClean.TryAdd(method, true);
            summaries.TryAdd(method, ImmutableArray<Finding>.Empty);
            complete = true;
            return ImmutableArray<Finding>.Empty;
        }

        var walker = new BodyWalker(this, depth, stack, cancellationToken);
        foreach (var body in Bodies(method, cancellationToken))
        {
            walker.Walk(body);
        }

        stack.Remove(method);
        var result = walker.Result();
        complete = walker.Complete;
        if (complete)
        {
            summaries.TryAdd(method, result);
        }

        return result;
    }

    internal static IMethodSymbol Normalize(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        method = method.PartialImplementationPart ?? method;
        return method.OriginalDefinition;
    }

    /// <summary>Declared in source in this compilation (not metadata, not another project).</summary>
    /// <remarks>The assembly is compared first: it is cheap, while a source symbol's syntax references are allocated per call.</remarks>
    internal bool IsUserSource(ISymbol symbol) =>
        SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly) && !symbol.DeclaringSyntaxReferences.IsEmpty;

    /// <summary>The operation roots of a method's bodies (one per declaring syntax, generated files skipped).</summary>
    internal IEnumerable<IOperation> Bodies(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var body in BodySyntaxes(method, cancellationToken))
        {
            var model = Model(body.SyntaxTree);
            var operation = model.GetOperation(body, cancellationToken);
            if (operation is null && body is ArrowExpressionClauseSyntax clause)
            {
                operation = model.GetOperation(clause.Expression, cancellationToken);
            }

            if (operation is not null)
            {
                yield return operation;
            }
        }
    }

    /// <summary>
    /// The body syntax of each of a method's declarations, generated files skipped; a body-less declaration (abstract,
    /// extern, partial definition, auto-accessor) has none.
    /// </summary>
    private IEnumerable<SyntaxNode> BodySyntaxes(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var node = reference.GetSyntax(cancellationToken);
            if (!IsGenerated(node.SyntaxTree) && BodyOf(node) is { } body)
            {
                yield return body;
            }
        }
    }

    /// <summary>The block or expression body of a method, local function or accessor declaration; null when it has none.</summary>
    private static SyntaxNode? BodyOf(SyntaxNode declaration) => declaration switch
    {
        BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
        LocalFunctionStatementSyntax l => (SyntaxNode?)l.Body ?? l.ExpressionBody,
        AccessorDeclarationSyntax a => (SyntaxNode?)a.Body ?? a.ExpressionBody,
        ArrowExpressionClauseSyntax arrow => arrow,
        _ => null,
    };

    /// <summary>
    /// The dataset row types that a static field's or property's initializer (or the static constructor's assignment
    /// to it) computes from: any sub-expression typed as a collection of [Dataset] rows, also inside lambdas and the
    /// user's helpers it calls (a few levels deep).
    /// </summary>
    /// <remarks>
    /// <c>ReadsLabel</c>: the computation also reads that row type's [Label] member, i.e. it is a target statistic
    /// (target encoding, per-category label rates) rather than a plain one.
    /// </remarks>
    internal ImmutableArray<(ITypeSymbol Row, bool ReadsLabel)> StaticRowSources(ISymbol member, CancellationToken cancellationToken) =>
        staticRowSources.GetOrAdd(member, m => ComputeStaticRowSources(m, cancellationToken));

    private ImmutableArray<(ITypeSymbol Row, bool ReadsLabel)> ComputeStaticRowSources(ISymbol member, CancellationToken cancellationToken)
    {
        var roots = new List<IOperation>();
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            var node = reference.GetSyntax(cancellationToken);
            var initializer = node switch
            {
                VariableDeclaratorSyntax v => v.Initializer,
                PropertyDeclarationSyntax p => p.Initializer,
                _ => null,
            };

            if (initializer is not null && Model(node.SyntaxTree).GetOperation(initializer, cancellationToken) is { } operation)
            {
                roots.Add(operation);
            }
        }

        foreach (var constructor in member.ContainingType.StaticConstructors)
        {
            foreach (var body in Bodies(constructor, cancellationToken))
            {
                foreach (var operation in body.DescendantsAndSelf())
                {
                    if (operation is ISimpleAssignmentOperation assignment && ReferencedMember(assignment.Target) is { } target
                        && SymbolEqualityComparer.Default.Equals(target, member))
                    {
                        roots.Add(assignment.Value);
                    }
                }
            }
        }

        var found = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var labelsRead = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var root in roots)
        {
            CollectRowCollections(root, found, labelsRead, visited, 0, cancellationToken);
        }

        var result = ImmutableArray.CreateBuilder<(ITypeSymbol Row, bool ReadsLabel)>(found.Count);
        foreach (var row in found)
        {
            result.Add((row, labelsRead.Contains(row.OriginalDefinition)));
        }

        return result.MoveToImmutable();
    }

    private void CollectRowCollections(IOperation root, HashSet<ITypeSymbol> found, HashSet<ITypeSymbol> labelsRead, HashSet<IMethodSymbol> visited, int depth, CancellationToken cancellationToken)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Symbols!.RowCollectionElement(operation.Type) is { } row)
            {
                found.Add(row);
            }

            if (operation is IPropertyReferenceOperation { Property: { } read } && KnownSymbols.HasAttribute(read, Symbols.Label))
            {
                labelsRead.Add(read.ContainingType.OriginalDefinition);
            }

            var callee = operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IMethodReferenceOperation reference => reference.Method,
                IPropertyReferenceOperation property => property.Property.GetMethod,
                _ => null,
            };

            if (callee is not null && depth < 4 && IsUserSource(callee) && visited.Add(Normalize(callee)))
            {
                foreach (var body in Bodies(Normalize(callee), cancellationToken))
                {
                    CollectRowCollections(body, found, labelsRead, visited, depth + 1, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="property"/> has a compiler-generated backing field. Cached per property: the check scans
    /// every member of the containing type, and a static class may be read by thousands of features.
    /// </summary>
    internal bool IsAutoProperty(IPropertySymbol property) => autoProperties.GetOrAdd(property, static p =>
    {
        foreach (var member in p.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, p))
            {
                return true;
            }
        }

        return false;
    });

    internal static ISymbol? ReferencedMember(IOperation operation) => operation switch
    {
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        _ => null,
    };

#pragma warning disable RS1030 // Interprocedural analysis needs the semantic model of the callee's tree; models are cached per compilation.
    private SemanticModel Model(SyntaxTree tree) => models.GetOrAdd(tree, t => compilation.GetSemanticModel(t));
#pragma warning restore RS1030

    private bool IsGenerated(SyntaxTree tree) => generated.GetOrAdd(tree, static t =>
    {
        var path = t.FilePath ?? "";
        if (path.EndsWith(".g.cs", System.StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".generated.cs", System.StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".designer.cs", System.StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var trivia in t.GetRoot().GetLeadingTrivia())
        {
            if (trivia.ToString().IndexOf("<auto-generated", System.StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    });
}
