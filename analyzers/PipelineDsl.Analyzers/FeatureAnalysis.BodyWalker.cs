using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PipelineDsl.Analyzers;

internal sealed partial class FeatureAnalysis
{
    /// <summary>Walks one method's bodies and applies every rule to each operation.</summary>
    private sealed class BodyWalker
    {
        private static readonly HashSet<SpecialType> Numeric = new()
        {
            SpecialType.System_Byte, SpecialType.System_SByte, SpecialType.System_Int16, SpecialType.System_UInt16,
            SpecialType.System_Int32, SpecialType.System_UInt32, SpecialType.System_Int64, SpecialType.System_UInt64,
            SpecialType.System_Single, SpecialType.System_Double, SpecialType.System_Decimal,
        };

        private readonly FeatureAnalysis analysis;
        private readonly KnownSymbols symbols;
        private readonly int depth;
        private readonly HashSet<IMethodSymbol> stack;
        private readonly CancellationToken cancellationToken;
        private readonly List<Finding> findings = new();
        private readonly List<(IPropertySymbol Member, Finding Finding)> nullableCandidates = new();
        private readonly HashSet<IPropertySymbol> nullHandled = new(SymbolEqualityComparer.Default);

        public BodyWalker(FeatureAnalysis analysis, int depth, HashSet<IMethodSymbol> stack, CancellationToken cancellationToken)
        {
            this.analysis = analysis;
            symbols = analysis.Symbols!;
            this.depth = depth;
            this.stack = stack;
            this.cancellationToken = cancellationToken;
        }

        /// <summary>False when a callee was cut off by a cycle or the depth limit.</summary>
        public bool Complete { get; private set; } = true;

        public void Walk(IOperation root)
        {
            var pending = new Stack<IOperation>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var operation = pending.Pop();

                // nameof reads nothing; a local function's body is analysed where it is called.
                if (operation is INameOfOperation || (operation is ILocalFunctionOperation && operation != root))
                {
                    continue;
                }

                Inspect(operation);
                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }
        }

        public ImmutableArray<Finding> Result()
        {
            foreach (var (member, finding) in nullableCandidates)
            {
                if (!nullHandled.Contains(member))
                {
                    findings.Add(finding);
                }
            }

            if (findings.Count == 0)
            {
                return ImmutableArray<Finding>.Empty;
            }

            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            return findings
                .Where(f => seen.Add(f.Key))
                .OrderBy(f => f.Location.SourceSpan.Start)
                .ThenBy(f => f.Id, System.StringComparer.Ordinal)
                .ToImmutableArray();
        }

        private void Inspect(IOperation operation)
        {
            switch (operation)
            {
                case IPropertyReferenceOperation property:
                    InspectProperty(property);
                    break;
                case IFieldReferenceOperation field:
                    InspectField(field);
                    break;
                case IInvocationOperation invocation:
                    InspectInvocation(invocation);
                    break;
                case IObjectCreationOperation creation:
                    InspectCreation(creation);
                    break;
                case IMethodReferenceOperation reference:
                    Follow(reference.Method, reference, reference.Method.Name + "()");
                    break;
                case IConversionOperation { IsImplicit: false } conversion
                    when KnownSymbols.Is(conversion.Operand.Type, symbols.Nullable) && conversion.Type is { IsValueType: true } target
                         && !KnownSymbols.Is(target, symbols.Nullable) && NullableRowMember(conversion.Operand) is { } member:
                    nullableCandidates.Add((member, new Finding(DiagnosticIds.NullableWithoutDefault, member.Name, conversion.Syntax.GetLocation())));
                    break;
                case ICoalesceOperation coalesce when NullableRowMember(coalesce.Value) is { } member:
                    nullHandled.Add(member);
                    break;
                case IIsPatternOperation pattern when NullableRowMember(pattern.Value) is { } member:
                    nullHandled.Add(member);
                    break;
                case IBinaryOperation binary when IsNullCheck(binary) is { } member:
                    nullHandled.Add(member);
                    break;
            }
        }

        private void InspectProperty(IPropertyReferenceOperation reference)
        {
            if (IsWriteTarget(reference))
            {
                return;
            }

            var property = reference.Property;
            var type = property.ContainingType;

            // Most property reads report nothing: the location is only created when something is reported.
            Location Here() => reference.Syntax.GetLocation();

            if (KnownSymbols.HasAttribute(property, symbols.Label))
            {
                Add(DiagnosticIds.ReadsLabel, property.Name, Here(), type);
            }

            if (KnownSymbols.HasAttribute(property, symbols.NotAvailableAtPrediction))
            {
                Add(DiagnosticIds.ReadsNotAvailableAtPrediction, property.Name, Here());
            }

            var name = property.Name;
            if ((KnownSymbols.Is(type, symbols.DateTime) && name is "Now" or "UtcNow" or "Today")
                || (KnownSymbols.Is(type, symbols.DateTimeOffset) && name is "Now" or "UtcNow")
                || (KnownSymbols.Is(type, symbols.Random) && name == "Shared"))
            {
                Add(DiagnosticIds.NonDeterministic, type.Name + "." + name, Here());
            }
            else if (type.Name == "TimeZoneInfo" && name == "Local" && type.ContainingNamespace?.Name == "System")
            {
                Add(DiagnosticIds.TimeZoneDependent, "TimeZoneInfo.Local", Here());
            }
            else if (KnownSymbols.Is(type, symbols.Environment))
            {
                Add(name is "TickCount" or "TickCount64" ? DiagnosticIds.NonDeterministic : DiagnosticIds.ExternalState, "Environment." + name, Here());
            }
            else if (IsExternal(type) && (property.IsStatic || IsExternalReceiver(reference.Instance)))
            {
                Add(DiagnosticIds.ExternalState, type.Name + "." + name, Here());
            }

            if (property.IsStatic && analysis.IsUserSource(property))
            {
                if (property.SetMethod is not null && analysis.IsAutoProperty(property))
                {
                    Add(DiagnosticIds.MutableStaticState, type.Name + "." + name, Here());
                }

                AddStaticRowSources(property, type.Name + "." + name, Here());
            }

            if (KnownSymbols.Is(type, symbols.Nullable) && NullableRowMember(reference.Instance) is { } member)
            {
                if (name == "Value")
                {
                    nullableCandidates.Add((member, new Finding(DiagnosticIds.NullableWithoutDefault, member.Name, Here())));
                }
                else if (name == "HasValue")
                {
                    nullHandled.Add(member);
                }
            }

            if (property.GetMethod is { } getter)
            {
                Follow(getter, reference, name);
            }
        }

        private void InspectField(IFieldReferenceOperation reference)
        {
            var field = reference.Field;
            if (!field.IsStatic || field.IsConst || !analysis.IsUserSource(field))
            {
                return;
            }

            var location = reference.Syntax.GetLocation();
            var display = field.ContainingType.Name + "." + field.Name;
            if (!field.IsReadOnly && !field.IsImplicitlyDeclared && field.ContainingType.TypeKind != TypeKind.Enum)
            {
                Add(DiagnosticIds.MutableStaticState, display, location);
            }

            AddStaticRowSources(field, display, location);
        }

        private void InspectInvocation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            var name = method.Name;
            var location = invocation.Syntax.GetLocation();
            var receiver = invocation.Instance is null ? null : Strip(invocation.Instance).Type;

            // PDSL101: non-determinism.
            if (KnownSymbols.Is(type, symbols.Guid) && name == "NewGuid")
            {
                Add(DiagnosticIds.NonDeterministic, "Guid.NewGuid()", location);
            }
            else if (KnownSymbols.Is(type, symbols.Stopwatch) && method.IsStatic)
            {
                Add(DiagnosticIds.NonDeterministic, "Stopwatch." + name + "()", location);
            }
            else if (KnownSymbols.Is(type, symbols.Random) && !method.IsStatic && IsExternalReceiver(invocation.Instance))
            {
                Add(DiagnosticIds.NonDeterministic, "Random." + name + "()", location);
            }
            else if (name == "GetHashCode" && receiver?.SpecialType == SpecialType.System_String)
            {
                Add(DiagnosticIds.NonDeterministic, "string.GetHashCode()", location);
            }
            else if (name == "GetHashCode" && DerivesFrom(type, symbols.StringComparer) && method.Parameters.Length == 1
                     && method.Parameters[0].Type.SpecialType == SpecialType.System_String)
            {
                Add(DiagnosticIds.NonDeterministic, "StringComparer.GetHashCode(string)", location);
            }
            else if (KnownSymbols.Is(type, symbols.HashCode) && name is "Combine" or "Add"
                     && invocation.Arguments.Any(a => Strip(a.Value).Type?.SpecialType == SpecialType.System_String))
            {
                Add(DiagnosticIds.NonDeterministic, "HashCode." + name + "(string)", location);
            }

            // PDSL106: the machine's time zone.
            // (DateTimeOffset.ToUniversalTime only applies its own offset; DateTime's conversions assume the local zone.)
            else if ((KnownSymbols.Is(type, symbols.DateTime) && name is "ToLocalTime" or "ToUniversalTime")
                     || (KnownSymbols.Is(type, symbols.DateTimeOffset) && name == "ToLocalTime"))
            {
                Add(DiagnosticIds.TimeZoneDependent, type.Name + "." + name + "()", location);
            }

            // PDSL102: culture.
            else if (CultureSensitiveCall(method, receiver) is { } api)
            {
                Add(DiagnosticIds.CultureSensitive, api, location);
            }

            // PDSL104: I/O, environment, configuration.
            else if (KnownSymbols.Is(type, symbols.Environment))
            {
                Add(DiagnosticIds.ExternalState, "Environment." + name + "()", location);
            }
            else if (IsExternal(type) && (method.IsStatic || method.IsExtensionMethod || IsExternalReceiver(invocation.Instance)))
            {
                Add(DiagnosticIds.ExternalState, type.Name + "." + name + "()", location);
            }

            if (name == "GetValueOrDefault" && KnownSymbols.Is(type, symbols.Nullable) && NullableRowMember(invocation.Instance) is { } member)
            {
                nullHandled.Add(member);
            }

            Follow(method, invocation, name + "()");
        }

        private void InspectCreation(IObjectCreationOperation creation)
        {
            var type = creation.Type as INamedTypeSymbol;
            var location = creation.Syntax.GetLocation();
            if (DerivesFrom(type, symbols.Random) || KnownSymbols.Is(type, symbols.Stopwatch))
            {
                Add(DiagnosticIds.NonDeterministic, "new " + type!.Name + "()", location);
            }
            else if (type is not null && IsExternal(type))
            {
                Add(DiagnosticIds.ExternalState, "new " + type.Name + "()", location);
            }

            if (creation.Constructor is { } constructor)
            {
                Follow(constructor, creation, "new " + constructor.ContainingType.Name + "()");
            }
        }

        /// <summary>The API display name when the call parses, formats, compares or case-maps with the current culture.</summary>
        private string? CultureSensitiveCall(IMethodSymbol method, ITypeSymbol? receiver)
        {
            var type = method.ContainingType;
            var name = method.Name;
            bool Has(INamedTypeSymbol? parameterType) => method.Parameters.Any(p => DerivesFrom(p.Type as INamedTypeSymbol, parameterType) || KnownSymbols.Is(p.Type, parameterType));
            var hasProvider = Has(symbols.FormatProvider) || Has(symbols.CultureInfo);

            if (name is "Parse" or "TryParse" && method.IsStatic && IsCultureFormatted(type) && !hasProvider)
            {
                return Keyword(type) + "." + name + "(string)";
            }

            if (name == "ToString" && !method.IsStatic && IsCultureFormatted(receiver ?? type) && !hasProvider)
            {
                return Keyword(receiver ?? type) + ".ToString()";
            }

            if (KnownSymbols.Is(type, symbols.String))
            {
                if (name == "Compare" && !Has(symbols.StringComparison) && !hasProvider)
                {
                    return "string.Compare";
                }

                if (name == "CompareTo")
                {
                    return "string.CompareTo";
                }

                if (name is "ToUpper" or "ToLower" && method.Parameters.Length == 0)
                {
                    return "string." + name + "()";
                }
            }

            if (KnownSymbols.Is(type, symbols.Char) && name is "ToUpper" or "ToLower" && method.Parameters.Length == 1)
            {
                return "char." + name + "(char)";
            }

            if (KnownSymbols.Is(type, symbols.Convert) && method.Parameters.Length == 1
                && method.Parameters[0].Type.SpecialType == SpecialType.System_String && IsCultureFormatted(method.ReturnType))
            {
                return "Convert." + name + "(string)";
            }

            return null;
        }

        private bool IsCultureFormatted(ITypeSymbol? type) =>
            type is not null && (Numeric.Contains(type.SpecialType) || KnownSymbols.Is(type, symbols.DateTime) || KnownSymbols.Is(type, symbols.DateTimeOffset));

        private static string Keyword(ITypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_Byte => "byte",
            SpecialType.System_SByte => "sbyte",
            SpecialType.System_Int16 => "short",
            SpecialType.System_UInt16 => "ushort",
            SpecialType.System_Int32 => "int",
            SpecialType.System_UInt32 => "uint",
            SpecialType.System_Int64 => "long",
            SpecialType.System_UInt64 => "ulong",
            SpecialType.System_Single => "float",
            SpecialType.System_Double => "double",
            SpecialType.System_Decimal => "decimal",
            _ => type.Name,
        };

        /// <summary>Lifts a user callee's findings to this call site.</summary>
        private void Follow(IMethodSymbol target, IOperation site, string display)
        {
            if (!analysis.IsUserSource(target))
            {
                return;
            }

            var callee = Normalize(target);
            var nested = analysis.Summarize(callee, depth + 1, stack, cancellationToken, out var complete);
            if (!complete)
            {
                Complete = false;
            }

            if (nested.IsEmpty)
            {
                return;
            }

            var location = site.Syntax.GetLocation();
            foreach (var finding in nested)
            {
                findings.Add(finding.Through(location, display));
            }
        }

        private void AddStaticRowSources(ISymbol member, string display, Location location)
        {
            foreach (var (row, readsLabel) in analysis.StaticRowSources(member, cancellationToken))
            {
                findings.Add(new Finding(readsLabel ? DiagnosticIds.TargetStatistic : DiagnosticIds.WholeDatasetStatistic, display, location, row, row.Name));
            }
        }

        private void Add(string id, string detail, Location location, ITypeSymbol? subject = null) =>
            findings.Add(new Finding(id, detail, location, subject));

        private bool IsExternal(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (symbols.ExternalTypes.Contains(current.OriginalDefinition))
                {
                    return true;
                }
            }

            return IsConfiguration(type);
        }

        /// <summary>Types in <c>System.Configuration</c> or <c>Microsoft.Extensions.Configuration</c> (and below).</summary>
        private static bool IsConfiguration(INamedTypeSymbol type)
        {
            for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                if (ns.Name != "Configuration")
                {
                    continue;
                }

                var parent = ns.ContainingNamespace;
                if (parent.Name == "System" && parent.ContainingNamespace.IsGlobalNamespace)
                {
                    return true;
                }

                if (parent.Name == "Extensions" && parent.ContainingNamespace.Name == "Microsoft" && parent.ContainingNamespace.ContainingNamespace.IsGlobalNamespace)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DerivesFrom(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
        {
            for (var current = type; current is not null && baseType is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A receiver that comes from outside the method (a field or property), not one created in it.</summary>
        private static bool IsExternalReceiver(IOperation? instance) =>
            instance is not null && Strip(instance) is IFieldReferenceOperation or IPropertyReferenceOperation;

        private static bool IsWriteTarget(IOperation operation) =>
            operation.Parent is ISimpleAssignmentOperation assignment && assignment.Target == operation;

        /// <summary>A <c>Nullable&lt;T&gt;</c> member of a [Dataset] row, read directly (implicit conversions stripped).</summary>
        private IPropertySymbol? NullableRowMember(IOperation? operation) =>
            operation is not null && Strip(operation) is IPropertyReferenceOperation reference
            && KnownSymbols.Is(reference.Property.Type, symbols.Nullable) && symbols.IsDataset(reference.Property.ContainingType)
                ? reference.Property
                : null;

        private IPropertySymbol? IsNullCheck(IBinaryOperation binary)
        {
            if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
            {
                return null;
            }

            if (IsNull(binary.RightOperand))
            {
                return NullableRowMember(binary.LeftOperand);
            }

            return IsNull(binary.LeftOperand) ? NullableRowMember(binary.RightOperand) : null;
        }

        private static bool IsNull(IOperation operation) =>
            Strip(operation) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }
            || (operation.ConstantValue.HasValue && operation.ConstantValue.Value is null);

        private static IOperation Strip(IOperation operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
