using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PipelineDsl.Analyzers;

internal sealed partial class FeatureAnalysis
{
    /// <summary>
    /// Member names whose use can produce a finding whatever they bind to: the APIs the body walker flags (the clock,
    /// randomness, hash codes, parsing and formatting, case mapping, nullable access) and every member of the types it
    /// treats as external state. A body that names none of them, nor a label, late or nullable row member, nor a user
    /// member that is not provably clean, cannot produce a finding.
    /// </summary>
    private static readonly string[] FlaggedApiNames =
    {
        "Now", "UtcNow", "Today", "Shared", "Local", "NewGuid", "GetHashCode", "Combine", "Add", "ToLocalTime",
        "ToUniversalTime", "Parse", "TryParse", "ToString", "Compare", "CompareTo", "ToUpper", "ToLower", "Value",
        "HasValue", "GetValueOrDefault",
    };

    private readonly ConcurrentDictionary<string, bool> cleanNames = new(System.StringComparer.Ordinal);
    private readonly bool screening;
    private ScreenSets? screenSets;

    /// <summary>The syntax a screened body may contain; anything else (lambdas, object creation, element access...) is bound.</summary>
    private static bool IsScreenableKind(SyntaxKind kind) => kind switch
    {
        SyntaxKind.ArrowExpressionClause or SyntaxKind.Block or SyntaxKind.ReturnStatement or SyntaxKind.LocalDeclarationStatement
            or SyntaxKind.VariableDeclaration or SyntaxKind.VariableDeclarator or SyntaxKind.EqualsValueClause or SyntaxKind.IfStatement
            or SyntaxKind.ElseClause or SyntaxKind.ExpressionStatement => true,
        SyntaxKind.IdentifierName or SyntaxKind.PredefinedType or SyntaxKind.QualifiedName or SyntaxKind.AliasQualifiedName
            or SyntaxKind.SimpleMemberAccessExpression or SyntaxKind.InvocationExpression or SyntaxKind.ArgumentList
            or SyntaxKind.Argument or SyntaxKind.CastExpression or SyntaxKind.ParenthesizedExpression
            or SyntaxKind.ConditionalExpression => true,
        SyntaxKind.NumericLiteralExpression or SyntaxKind.StringLiteralExpression or SyntaxKind.CharacterLiteralExpression
            or SyntaxKind.TrueLiteralExpression or SyntaxKind.FalseLiteralExpression or SyntaxKind.NullLiteralExpression
            or SyntaxKind.DefaultLiteralExpression => true,
        SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression or SyntaxKind.DivideExpression
            or SyntaxKind.ModuloExpression or SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression
            or SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression or SyntaxKind.LessThanExpression
            or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression
            or SyntaxKind.BitwiseAndExpression or SyntaxKind.BitwiseOrExpression or SyntaxKind.ExclusiveOrExpression
            or SyntaxKind.LeftShiftExpression or SyntaxKind.RightShiftExpression => true,
        SyntaxKind.UnaryMinusExpression or SyntaxKind.UnaryPlusExpression or SyntaxKind.LogicalNotExpression
            or SyntaxKind.BitwiseNotExpression => true,
        SyntaxKind.SimpleAssignmentExpression or SyntaxKind.AddAssignmentExpression or SyntaxKind.SubtractAssignmentExpression
            or SyntaxKind.MultiplyAssignmentExpression or SyntaxKind.DivideAssignmentExpression => true,
        SyntaxKind.SwitchExpression or SyntaxKind.SwitchExpressionArm or SyntaxKind.ConstantPattern or SyntaxKind.DiscardPattern
            or SyntaxKind.RelationalPattern or SyntaxKind.OrPattern or SyntaxKind.AndPattern or SyntaxKind.NotPattern
            or SyntaxKind.ParenthesizedPattern or SyntaxKind.IsPatternExpression or SyntaxKind.WhenClause => true,
        _ => false,
    };

    /// <summary>
    /// Whether every body of <paramref name="method"/> provably produces no finding, decided from its syntax and the
    /// declarations of the names it uses, without binding it. False means "not proven": the body is bound and walked.
    /// Most feature bodies (arithmetic and conditionals over row members and clean helpers) pass, which is what keeps the
    /// analyzers off the compiler's binding path.
    /// </summary>
    private bool ScreensClean(IMethodSymbol method, int depth, HashSet<IMethodSymbol> stack, CancellationToken cancellationToken)
    {
        if (!screening)
        {
            return false;
        }

        var sets = ScreenSetsFor(cancellationToken);
        if (sets.UserOperators)
        {
            return false;
        }

        foreach (var body in BodySyntaxes(method, cancellationToken))
        {
            foreach (var descendant in body.DescendantNodesAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!IsScreenableKind(descendant.Kind()))
                {
                    return false;
                }

                if (descendant is IdentifierNameSyntax identifier && !NameIsClean(identifier.Identifier.ValueText, sets, method, depth, stack, cancellationToken))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// A name is clean when it is not a flagged API or a sensitive row member, and every member of that name declared in
    /// this compilation is clean: a non-static field or const, a non-static property whose getter is clean, a method whose
    /// summary is complete and empty. Types are always clean (naming a type reads nothing).
    /// </summary>
    private bool NameIsClean(string name, ScreenSets sets, IMethodSymbol method, int depth, HashSet<IMethodSymbol> stack, CancellationToken cancellationToken)
    {
        if (sets.FlaggedNames.Contains(name) || SensitiveParameterMember(method, name))
        {
            return false;
        }

        if (cleanNames.TryGetValue(name, out var known))
        {
            return known;
        }

        var clean = true;
        var complete = true;
        foreach (var symbol in compilation.GetSymbolsWithName(name, SymbolFilter.TypeAndMember, cancellationToken))
        {
            switch (symbol)
            {
                case INamedTypeSymbol:
                    break;
                case IFieldSymbol field:
                    clean &= field.IsConst || !field.IsStatic;
                    break;
                case IPropertySymbol property when !property.IsStatic && property.GetMethod is { } getter:
                    clean &= CalleeIsClean(getter, depth, stack, ref complete, cancellationToken);
                    break;
                case IMethodSymbol callee when callee.MethodKind is MethodKind.Ordinary or MethodKind.ReducedExtension:
                    clean &= CalleeIsClean(callee, depth, stack, ref complete, cancellationToken);
                    break;
                default:
                    clean = false;
                    break;
            }

            if (!clean)
            {
                break;
            }
        }

        if (complete || !clean)
        {
            cleanNames.TryAdd(name, clean);
        }

        return clean;
    }

    private bool CalleeIsClean(IMethodSymbol callee, int depth, HashSet<IMethodSymbol> stack, ref bool complete, CancellationToken cancellationToken)
    {
        var findings = Summarize(Normalize(callee), depth + 1, stack, cancellationToken, out var calleeComplete);
        complete &= calleeComplete;
        return calleeComplete && findings.IsEmpty;
    }

    /// <summary>A label, not-available-at-prediction or nullable member of one of the method's parameter types (datasets from other assemblies included).</summary>
    private bool SensitiveParameterMember(IMethodSymbol method, string name)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type is INamedTypeSymbol type && Symbols!.IsDataset(type.OriginalDefinition))
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (IsSensitiveRowMember(member))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private bool IsSensitiveRowMember(ISymbol member) =>
        member is IPropertySymbol property
        && (KnownSymbols.HasAttribute(property, Symbols!.Label)
            || KnownSymbols.HasAttribute(property, Symbols.NotAvailableAtPrediction)
            || KnownSymbols.Is(property.Type, Symbols.Nullable));

    private ScreenSets ScreenSetsFor(CancellationToken cancellationToken)
    {
        if (screenSets is { } ready)
        {
            return ready;
        }

        var names = new HashSet<string>(FlaggedApiNames, System.StringComparer.Ordinal);
        var symbols = Symbols!;
        foreach (var type in new[] { symbols.Environment, symbols.Stopwatch, symbols.Random, symbols.Convert, symbols.HashCode })
        {
            AddMemberNames(type, names);
        }

        foreach (var type in symbols.ExternalTypes)
        {
            AddMemberNames(type, names);
        }

        // Configuration types are recognised by namespace; every member name under those namespaces is flagged. Only the
        // referenced assemblies named for configuration are walked: merging the global namespace costs more than all else.
        foreach (var reference in compilation.References)
        {
            if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly
                && assembly.Name.IndexOf("Configuration", System.StringComparison.Ordinal) >= 0)
            {
                foreach (var path in new[] { new[] { "System", "Configuration" }, new[] { "Microsoft", "Extensions", "Configuration" } })
                {
                    INamespaceSymbol? ns = assembly.GlobalNamespace;
                    foreach (var part in path)
                    {
                        ns = ns?.GetNamespaceMembers().FirstOrDefaultByName(part);
                    }

                    if (ns is not null)
                    {
                        AddNamespaceMemberNames(ns, names, cancellationToken);
                    }
                }
            }
        }

        // Label, late and nullable members of every dataset declared in this compilation.
        foreach (var type in compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type, cancellationToken))
        {
            if (type is INamedTypeSymbol named && symbols.IsDataset(named))
            {
                foreach (var member in named.GetMembers())
                {
                    if (IsSensitiveRowMember(member))
                    {
                        names.Add(member.Name);
                    }
                }
            }
        }

        var userOperators = compilation.ContainsSymbolsWithName(
            static n => n.StartsWith("op_", System.StringComparison.Ordinal), SymbolFilter.Member, cancellationToken);
        var sets = new ScreenSets(names, userOperators);
        Interlocked.CompareExchange(ref screenSets, sets, null);
        return screenSets!;
    }

    private static void AddMemberNames(INamedTypeSymbol? type, HashSet<string> names)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var name in current.MemberNames)
            {
                names.Add(name);
            }
        }
    }

    private static void AddNamespaceMemberNames(INamespaceSymbol ns, HashSet<string> names, CancellationToken cancellationToken)
    {
        foreach (var member in ns.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (member)
            {
                case INamespaceSymbol child:
                    AddNamespaceMemberNames(child, names, cancellationToken);
                    break;
                case INamedTypeSymbol type:
                    AddMemberNames(type, names);
                    break;
            }
        }
    }

    /// <summary>What the screen needs once per compilation.</summary>
    private sealed class ScreenSets(HashSet<string> flaggedNames, bool userOperators)
    {
        public HashSet<string> FlaggedNames { get; } = flaggedNames;

        /// <summary>User-defined operators or conversions anywhere in the compilation: calls without a name; screening is off.</summary>
        public bool UserOperators { get; } = userOperators;
    }
}

internal static class NamespaceSymbolExtensions
{
    public static INamespaceSymbol? FirstOrDefaultByName(this IEnumerable<INamespaceSymbol> namespaces, string name)
    {
        foreach (var ns in namespaces)
        {
            if (ns.Name == name)
            {
                return ns;
            }
        }

        return null;
    }
}
