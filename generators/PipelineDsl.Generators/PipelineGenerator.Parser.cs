using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PipelineDsl.Generators.Diagnostics;
using PipelineDsl.Generators.Helpers;
using PipelineDsl.Generators.Model;

namespace PipelineDsl.Generators;

public sealed partial class PipelineGenerator
{
    /// <summary>
    /// Symbols to specs. Every method here reads ONLY the declaration it was handed (plus whether a type it
    /// references carries a DSL attribute), so each spec is a function of one declaration: it stays equal, and
    /// everything downstream stays cached, unless that declaration changes. (Roslyn 4.12 re-runs these transforms
    /// when the compilation changes; newer compilers may re-run them only when the declaration's own tree changes,
    /// and then reading another declaration here would leave stale results.) Everything that needs two
    /// declarations happens after <c>Collect</c>, over specs (see <see cref="Joiner"/>).
    /// </summary>
    internal static class Parser
    {
        private const string DslNamespace = "PipelineDsl";

        public static ParseResult<DatasetSpec> ParseDataset(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax syntax)
            {
                return Empty<DatasetSpec>();
            }

            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
            var attribute = context.Attributes[0];
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string datasetName)
            {
                return Empty<DatasetSpec>(); // the compiler reports the bad attribute usage
            }

            string? source = null;
            string? timestamp = null;
            var delimiter = ',';
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "Source":
                        source = named.Value.Value as string;
                        break;
                    case "Timestamp":
                        timestamp = named.Value.Value as string;
                        break;
                    case "Delimiter" when named.Value.Value is char c:
                        delimiter = c;
                        break;
                }
            }

            var valid = true;
            var columns = new List<ColumnSpec>();
            var labelCount = 0;
            var timestampFound = false;
            foreach (var member in type.GetMembers())
            {
                ct.ThrowIfCancellationRequested();
                if (member is not IPropertySymbol property || property.IsStatic || property.IsIndexer
                    || property.IsImplicitlyDeclared || property.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }

                var location = property.Locations.FirstOrDefault() ?? syntax.Identifier.GetLocation();
                var memberValid = true;
                if (!TryGetKind(property.Type, out var kind, out var nullable))
                {
                    diagnostics.Add(Diagnostic.Create(
                        DiagnosticDescriptors.UnsupportedMember,
                        location,
                        property.Name,
                        $"has unsupported type '{property.Type.ToDisplayString()}'; supported: string, bool, int, long, float, double, decimal, DateTime and their nullable forms"));
                    memberValid = false;
                }

                if (property.SetMethod is null || property.SetMethod.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
                {
                    diagnostics.Add(Diagnostic.Create(
                        DiagnosticDescriptors.UnsupportedMember,
                        location,
                        property.Name,
                        "has no setter or init accessor that the generated reader can use"));
                    memberValid = false;
                }

                string? header = null;
                bool isKey = false, isLabel = false, isNotAvailable = false, isRequired = false, hasRange = false;
                double minimum = 0, maximum = 0;
                string[]? categories = null;
                foreach (var a in property.GetAttributes())
                {
                    switch (DslAttributeName(a))
                    {
                        case "ColumnAttribute":
                            header = a.ConstructorArguments.Length == 1 ? a.ConstructorArguments[0].Value as string : null;
                            break;
                        case "KeyAttribute":
                            isKey = true;
                            break;
                        case "LabelAttribute":
                            isLabel = true;
                            break;
                        case "NotAvailableAtPredictionAttribute":
                            isNotAvailable = true;
                            break;
                        case "RequiredAttribute":
                            isRequired = true;
                            break;
                        case "RangeAttribute" when a.ConstructorArguments.Length == 2:
                            hasRange = true;
                            minimum = ToDouble(a.ConstructorArguments[0].Value);
                            maximum = ToDouble(a.ConstructorArguments[1].Value);
                            break;
                        case "CategoriesAttribute" when a.ConstructorArguments.Length == 1:
                            categories = a.ConstructorArguments[0].Kind == TypedConstantKind.Array
                                ? a.ConstructorArguments[0].Values.Select(v => v.Value as string ?? "").ToArray()
                                : Array.Empty<string>();
                            break;
                    }
                }

                if (memberValid && hasRange && !IsNumeric(kind))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnsupportedMember, location, property.Name, "has [Range], which applies only to numeric members"));
                    memberValid = false;
                }

                if (memberValid && categories is not null && kind != ValueKind.String)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnsupportedMember, location, property.Name, "has [Categories], which applies only to string members"));
                    memberValid = false;
                }

                if (isLabel)
                {
                    labelCount++;
                }

                var isTimestamp = timestamp is not null && string.Equals(property.Name, timestamp, StringComparison.Ordinal);
                if (isTimestamp)
                {
                    timestampFound = true;
                    if (memberValid && (kind != ValueKind.DateTime || nullable))
                    {
                        diagnostics.Add(Diagnostic.Create(
                            DiagnosticDescriptors.InvalidTimestamp,
                            AttributeLocation(attribute, syntax, ct),
                            datasetName,
                            timestamp,
                            $"has type '{property.Type.ToDisplayString()}', not DateTime"));
                        valid = false;
                    }
                }

                if (!memberValid)
                {
                    valid = false;
                    continue;
                }

                columns.Add(new ColumnSpec
                {
                    Member = property.Name,
                    Header = string.IsNullOrEmpty(header) ? property.Name : header!,
                    Kind = kind,
                    IsNullable = nullable,
                    IsKey = isKey,
                    IsLabel = isLabel,
                    IsTimestamp = isTimestamp,
                    IsNotAvailableAtPrediction = isNotAvailable,
                    IsRequired = isRequired,
                    IsRequiredMember = property.IsRequired,
                    HasRange = hasRange,
                    Minimum = minimum,
                    Maximum = maximum,
                    Categories = (categories ?? Array.Empty<string>()).ToEquatableArray(),
                });
            }

            if (timestamp is not null && !timestampFound)
            {
                diagnostics.Add(Diagnostic.Create(
                    DiagnosticDescriptors.InvalidTimestamp,
                    AttributeLocation(attribute, syntax, ct),
                    datasetName,
                    timestamp,
                    $"is not a public property of '{type.Name}'"));
                valid = false;
            }

            if (labelCount > 1)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.LabelCount, syntax.Identifier.GetLocation(), datasetName, labelCount));
                valid = false;
            }

            if (!valid)
            {
                return new ParseResult<DatasetSpec>(null, diagnostics.ToImmutable());
            }

            // No label: a dataset that is only joined (as of time) into another's features; a model over it gets PDSL207.
            var label = columns.FirstOrDefault(c => c.IsLabel) ?? new ColumnSpec { Member = "", Header = "", Kind = ValueKind.String, IsNullable = false };
            var ns = NamespaceOf(type);
            var className = type.Name + "Dataset";
            var spec = new DatasetSpec
            {
                Namespace = ns,
                TypeName = type.Name,
                RowTypeFullName = FullName(type),
                DatasetClassName = className,
                DatasetClassFullName = "global::" + (ns.Length == 0 ? "" : ns + ".") + className,
                IsPublic = IsEffectivelyPublic(type),
                DatasetName = datasetName,
                Source = source,
                Delimiter = delimiter,
                TimestampMember = timestamp,
                LabelMember = label.Member,
                LabelKind = label.Kind,
                LabelIsNullable = label.IsNullable,
                Columns = columns.ToEquatableArray(),
                SchemaHash = HashHelper.Sha256Hex(NormalizedSchema(columns)),
            };
            return new ParseResult<DatasetSpec>(spec, diagnostics.ToImmutable());
        }

        public static ParseResult<FeatureSetSpec> ParseFeatureSet(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax syntax)
            {
                return Empty<FeatureSetSpec>();
            }

            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
            if (!IsTopLevelPartial(type, syntax, requireStatic: true))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidDeclaration, syntax.Identifier.GetLocation(), "Feature set", type.Name, "static partial class"));
                return new ParseResult<FeatureSetSpec>(null, diagnostics.ToImmutable());
            }

            var attribute = context.Attributes[0];
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol rowType
                || rowType.TypeKind == TypeKind.Error)
            {
                return Empty<FeatureSetSpec>();
            }

            var valid = true;
            if (!HasDslAttribute(rowType, "DatasetAttribute"))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DatasetTypeNotMarked, AttributeLocation(attribute, syntax, ct), type.Name, rowType.ToDisplayString()));
                valid = false;
            }

            var windows = new List<WindowDeclSpec>();
            var joins = new List<JoinDeclSpec>();
            var joinTypes = new List<INamedTypeSymbol>();
            var windowLocations = new List<LocationInfo>();
            var joinLocations = new List<LocationInfo>();
            valid &= ParseTemporalAttributes(type, syntax, rowType, windows, joins, joinTypes, windowLocations, joinLocations, diagnostics, ct);

            var features = new List<FeatureSpec>();
            var featureMethods = new Dictionary<string, string>(StringComparer.Ordinal);
            var declaredAny = false;
            foreach (var member in type.GetMembers())
            {
                ct.ThrowIfCancellationRequested();
                if (member is not IMethodSymbol method)
                {
                    continue;
                }

                var featureAttribute = method.GetAttributes().FirstOrDefault(a => DslAttributeName(a) == "FeatureAttribute");
                if (featureAttribute is null)
                {
                    continue;
                }

                declaredAny = true;
                var location = method.Locations.FirstOrDefault() ?? syntax.Identifier.GetLocation();
                var problems = new List<string>();
                if (!method.IsStatic)
                {
                    problems.Add("it must be static");
                }

                if (method.IsGenericMethod)
                {
                    problems.Add("it must not be generic");
                }

                var joinArguments = new List<int>();
                if (method.Parameters.Length == 0)
                {
                    problems.Add($"it must take a parameter of type '{rowType.Name}'");
                }
                else if (method.Parameters[0].RefKind != RefKind.None || !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, rowType))
                {
                    problems.Add($"its first parameter must be of type '{rowType.Name}', passed by value");
                }
                else
                {
                    for (var p = 1; p < method.Parameters.Length; p++)
                    {
                        var parameter = method.Parameters[p];
                        var join = joinTypes.FindIndex(t => SymbolEqualityComparer.Default.Equals(t, parameter.Type.OriginalDefinition));
                        if (join < 0 || parameter.RefKind != RefKind.None)
                        {
                            problems.Add(joinTypes.Count == 0
                                ? $"it must take exactly one parameter of type '{rowType.Name}', not {method.Parameters.Length}"
                                : $"its parameter '{parameter.Name}' must be a row of a dataset joined with [AsOfJoin] ({string.Join(", ", joinTypes.Select(t => t.Name + "?"))}), passed by value");
                        }
                        else if (parameter.Type.NullableAnnotation != NullableAnnotation.Annotated)
                        {
                            problems.Add($"its parameter '{parameter.Name}' must be declared '{joinTypes[join].Name}?': the joined row is null when no row matches");
                        }
                        else if (joinArguments.Contains(join))
                        {
                            problems.Add($"it takes the row of join '{joinTypes[join].Name}' twice");
                        }
                        else
                        {
                            joinArguments.Add(join);
                        }
                    }
                }

                var returnKind = ValueKind.Single;
                if (!TryGetKind(method.ReturnType, out returnKind, out var returnNullable) || returnNullable
                    || returnKind is not (ValueKind.Single or ValueKind.Double or ValueKind.Int32 or ValueKind.Int64 or ValueKind.Boolean))
                {
                    problems.Add($"it must return float, double, int, long or bool, not '{method.ReturnType.ToDisplayString()}'");
                }

                var name = featureAttribute.NamedArguments.FirstOrDefault(n => n.Key == "Name").Value.Value as string;
                if (string.IsNullOrEmpty(name))
                {
                    name = method.Name;
                }

                if (featureMethods.TryGetValue(name!, out var other))
                {
                    problems.Add($"its feature name '{name}' is already used by '{other}'");
                }

                if (problems.Count > 0)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidFeatureSignature, location, method.Name, string.Join("; ", problems)));
                    valid = false;
                    continue;
                }

                featureMethods[name!] = method.Name;

                // Note: a method in another part of a partial feature set lives in another syntax tree; edits there
                // re-run this transform only if this tree changes too. Keep features next to [FeatureSet].
                var declaration = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct);
                features.Add(new FeatureSpec
                {
                    Name = name!,
                    MethodName = method.Name,
                    ReturnKind = returnKind,
                    JoinArguments = joinArguments.ToEquatableArray(),
                    CodeHash = HashHelper.Sha256Hex(declaration is null ? method.Name : NormalizedTokens(declaration)),
                });
            }

            foreach (var window in windows)
            {
                if (featureMethods.TryGetValue(window.Name, out var method))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidWindow, AttributeOrClass(windowLocations[windows.IndexOf(window)], syntax), window.Name, type.Name, $"its name is already used by feature method '{method}'"));
                    valid = false;
                }
            }

            if (!declaredAny && windows.Count == 0)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.NoFeatures, syntax.Identifier.GetLocation(), type.Name));
            }

            if (!valid)
            {
                return new ParseResult<FeatureSetSpec>(null, diagnostics.ToImmutable());
            }

            var spec = new FeatureSetSpec
            {
                Namespace = NamespaceOf(type),
                TypeName = type.Name,
                FullName = FullName(type),
                RowTypeFullName = FullName(rowType),
                Features = features.ToEquatableArray(),
                Windows = windows.ToEquatableArray(),
                Joins = joins.ToEquatableArray(),
                FeatureSetHash = HashHelper.Sha256Hex(
                    string.Concat(features.Select(f => f.Name + ":" + f.CodeHash + "\n"))
                    + string.Concat(windows.Select(w => $"window:{w.Name}:{w.Member}:{w.Aggregate}:{w.DurationTicks}:{w.Events}:{w.LagTicks}\n"))
                    + string.Concat(joins.Select(j => $"join:{j.RowTypeFullName}:{j.On}:{j.LagTicks}:{j.ToleranceTicks}\n"))),
            };
            var check = spec.IsPointInTime
                ? new FeatureSetCheckSpec(spec.FullName, type.Name, LocationInfo.From(syntax.Identifier.GetLocation()), windowLocations.ToEquatableArray(), joinLocations.ToEquatableArray())
                : null;
            return new ParseResult<FeatureSetSpec>(spec, diagnostics.ToImmutable()) { FeatureSetCheck = check };
        }

        /// <summary>
        /// Reads the <c>[Window]</c> and <c>[AsOfJoin]</c> attributes of a feature set: what can be checked from the
        /// declaration alone (durations, aggregates, names, that a joined type is a dataset). Members, keys and
        /// timestamps are checked after the join with the dataset specs (<see cref="Joiner.CheckFeatureSets"/>).
        /// </summary>
        private static bool ParseTemporalAttributes(
            INamedTypeSymbol type,
            TypeDeclarationSyntax syntax,
            INamedTypeSymbol rowType,
            List<WindowDeclSpec> windows,
            List<JoinDeclSpec> joins,
            List<INamedTypeSymbol> joinTypes,
            List<LocationInfo> windowLocations,
            List<LocationInfo> joinLocations,
            ImmutableArray<Diagnostic>.Builder diagnostics,
            CancellationToken ct)
        {
            var valid = true;
            foreach (var a in type.GetAttributes())
            {
                ct.ThrowIfCancellationRequested();
                var attributeName = DslAttributeName(a);
                if (attributeName == "WindowAttribute" && a.ConstructorArguments.Length == 4)
                {
                    var location = AttributeLocation(a, syntax, ct);
                    var name = a.ConstructorArguments[0].Value as string ?? "";
                    var member = a.ConstructorArguments[1].Value as string ?? "";
                    var aggregate = EnumMemberName(a.ConstructorArguments[2]);
                    var windowText = a.ConstructorArguments[3].Value as string;
                    var lagText = a.NamedArguments.FirstOrDefault(n => n.Key == "Lag").Value.Value as string;
                    var problems = new List<string>();
                    if (!SyntaxFacts.IsValidIdentifier(name))
                    {
                        problems.Add("its name must be a valid identifier");
                    }
                    else if (windows.Any(w => w.Name == name))
                    {
                        problems.Add("another window has the same name");
                    }

                    if (aggregate is not ("Count" or "Sum" or "Mean" or "Min" or "Max" or "Last" or "DistinctCount"))
                    {
                        problems.Add($"'{aggregate}' is not an Aggregate");
                    }

                    if (!DurationParser.TryParseWindow(windowText, out var duration, out var events))
                    {
                        problems.Add($"its window '{windowText}' is neither a duration such as \"7d\", \"12h\", \"30m\", \"45s\" or \"2w\" nor \"N events\"");
                    }

                    long lag = 0;
                    if (lagText is not null && !DurationParser.TryParseDuration(lagText, out lag))
                    {
                        problems.Add($"its lag '{lagText}' is not a positive duration such as \"1d\"");
                    }

                    if (problems.Count > 0)
                    {
                        diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidWindow, location, name, type.Name, string.Join("; ", problems)));
                        valid = false;
                        continue;
                    }

                    windows.Add(new WindowDeclSpec(name, member, aggregate, duration, events, lag));
                    windowLocations.Add(LocationInfo.From(location) ?? LocationInfo.None);
                }
                else if (attributeName == "AsOfJoinAttribute" && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is INamedTypeSymbol joined)
                {
                    var location = AttributeLocation(a, syntax, ct);
                    string? on = null, tolerance = null, lag = null;
                    foreach (var named in a.NamedArguments)
                    {
                        switch (named.Key)
                        {
                            case "On":
                                on = named.Value.Value as string;
                                break;
                            case "Tolerance":
                                tolerance = named.Value.Value as string;
                                break;
                            case "Lag":
                                lag = named.Value.Value as string;
                                break;
                        }
                    }

                    var problems = new List<string>();
                    if (joined.TypeKind == TypeKind.Error || !HasDslAttribute(joined, "DatasetAttribute"))
                    {
                        problems.Add($"'{joined.ToDisplayString()}' is not marked [Dataset]");
                    }
                    else if (SymbolEqualityComparer.Default.Equals(joined, rowType))
                    {
                        problems.Add("a feature set cannot join its own dataset; use a [Window] over it instead");
                    }
                    else if (joinTypes.Any(t => SymbolEqualityComparer.Default.Equals(t, joined)))
                    {
                        problems.Add("the dataset is already joined");
                    }

                    long toleranceTicks = long.MaxValue, lagTicks = 0;
                    if (tolerance is not null && !DurationParser.TryParseDuration(tolerance, out toleranceTicks))
                    {
                        problems.Add($"its tolerance '{tolerance}' is not a positive duration such as \"1d\"");
                    }

                    if (lag is not null && !DurationParser.TryParseDuration(lag, out lagTicks))
                    {
                        problems.Add($"its lag '{lag}' is not a positive duration such as \"1d\"");
                    }

                    if (problems.Count > 0)
                    {
                        diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidAsOfJoin, location, joined.Name, type.Name, string.Join("; ", problems)));
                        valid = false;

                        // Still a join as far as feature parameters go: a 'Weather?' parameter is not also wrong.
                        if (!joinTypes.Any(t => SymbolEqualityComparer.Default.Equals(t, joined)))
                        {
                            joins.Add(new JoinDeclSpec(FullName(joined), joined.Name, on, 0, long.MaxValue));
                            joinTypes.Add(joined);
                            joinLocations.Add(LocationInfo.From(location) ?? LocationInfo.None);
                        }

                        continue;
                    }

                    joins.Add(new JoinDeclSpec(FullName(joined), joined.Name, on, lagTicks, toleranceTicks));
                    joinTypes.Add(joined);
                    joinLocations.Add(LocationInfo.From(location) ?? LocationInfo.None);
                }
            }

            return valid;
        }

        public static ParseResult<ModelSpec> ParseModel(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax syntax)
            {
                return Empty<ModelSpec>();
            }

            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
            if (!IsTopLevelPartial(type, syntax, requireStatic: false) || type.IsAbstract
                || !type.InstanceConstructors.Any(c => c.Parameters.Length == 0))
            {
                diagnostics.Add(Diagnostic.Create(
                    DiagnosticDescriptors.InvalidDeclaration,
                    syntax.Identifier.GetLocation(),
                    "Model",
                    type.Name,
                    "non-abstract, non-generic partial class or record with a parameterless constructor"));
                return new ParseResult<ModelSpec>(null, diagnostics.ToImmutable());
            }

            var attribute = context.Attributes[0];
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol featureSetType
                || featureSetType.TypeKind == TypeKind.Error)
            {
                return Empty<ModelSpec>();
            }

            var valid = true;
            if (!HasDslAttribute(featureSetType, "FeatureSetAttribute"))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.FeatureSetTypeNotMarked, AttributeLocation(attribute, syntax, ct), type.Name, featureSetType.ToDisplayString()));
                valid = false;
            }

            var task = "BinaryClassification";
            var trainer = "LightGbm";
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "Task")
                {
                    task = EnumMemberName(named.Value);
                }
                else if (named.Key == "Trainer")
                {
                    trainer = EnumMemberName(named.Value);
                }
            }

            var hyperparameters = new List<HyperparameterSpec>();
            foreach (var member in type.GetMembers())
            {
                ct.ThrowIfCancellationRequested();
                if (member is not IPropertySymbol property || !property.GetAttributes().Any(a => DslAttributeName(a) == "HyperparameterAttribute"))
                {
                    continue;
                }

                var location = property.Locations.FirstOrDefault() ?? syntax.Identifier.GetLocation();
                if (property.IsStatic || property.IsIndexer || property.GetMethod is null)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnsupportedHyperparameter, location, property.Name, "must be an instance property with a getter"));
                    valid = false;
                    continue;
                }

                if (!TryGetKind(property.Type, out var kind, out var nullable)
                    || (nullable && kind != ValueKind.String)
                    || kind is ValueKind.Decimal or ValueKind.DateTime)
                {
                    diagnostics.Add(Diagnostic.Create(
                        DiagnosticDescriptors.UnsupportedHyperparameter,
                        location,
                        property.Name,
                        $"has unsupported type '{property.Type.ToDisplayString()}'; supported: int, long, float, double, bool, string"));
                    valid = false;
                    continue;
                }

                var declaration = property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) as PropertyDeclarationSyntax;
                hyperparameters.Add(new HyperparameterSpec
                {
                    Name = property.Name,
                    Kind = kind,
                    Initializer = declaration?.Initializer is { } initializer ? NormalizedTokens(initializer.Value) : "",
                });
            }

            if (!valid)
            {
                return new ParseResult<ModelSpec>(null, diagnostics.ToImmutable());
            }

            var configText = $"task={task}\ntrainer={trainer}\nfeatureset={featureSetType.Name}\n"
                + string.Concat(hyperparameters.Select(h => $"{h.Name}:{h.Kind}={h.Initializer}\n"));
            var spec = new ModelSpec
            {
                Namespace = NamespaceOf(type),
                TypeName = type.Name,
                TypeKeyword = TypeKeyword(syntax),
                FullName = FullName(type),
                FeatureSetFullName = FullName(featureSetType),
                FeatureSetName = featureSetType.Name,
                Task = task,
                Trainer = trainer,
                Hyperparameters = hyperparameters.ToEquatableArray(),
                ConfigHash = HashHelper.Sha256Hex(configText),
            };
            var check = LocationInfo.From(syntax.Identifier.GetLocation()) is { } where
                ? new ModelCheckSpec(type.Name, spec.FeatureSetFullName, task, where)
                : null;
            return new ParseResult<ModelSpec>(spec, diagnostics.ToImmutable()) { Check = check };
        }

        public static ParseResult<GateSpec> ParseGate(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax syntax)
            {
                return Empty<GateSpec>();
            }

            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
            if (!IsTopLevelPartial(type, syntax, requireStatic: null))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidDeclaration, syntax.Identifier.GetLocation(), "Gate", type.Name, "non-generic partial class or record"));
                return new ParseResult<GateSpec>(null, diagnostics.ToImmutable());
            }

            var attribute = context.Attributes[0];
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol modelType
                || modelType.TypeKind == TypeKind.Error)
            {
                return Empty<GateSpec>();
            }

            if (!HasDslAttribute(modelType, "ModelAttribute"))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.ModelTypeNotMarked, AttributeLocation(attribute, syntax, ct), "Gate", type.Name, modelType.ToDisplayString()));
                return new ParseResult<GateSpec>(null, diagnostics.ToImmutable());
            }

            var rules = new List<GateRuleSpec>();
            foreach (var a in type.GetAttributes())
            {
                ct.ThrowIfCancellationRequested();
                if (GateRule(a) is { } rule)
                {
                    rules.Add(rule);
                }
            }

            var spec = new GateSpec
            {
                Namespace = NamespaceOf(type),
                TypeName = type.Name,
                TypeKeyword = TypeKeyword(syntax),
                FullName = FullName(type),
                ModelFullName = FullName(modelType),
                Rules = rules.ToEquatableArray(),
            };
            return new ParseResult<GateSpec>(spec, diagnostics.ToImmutable());
        }

        public static ParseResult<PipelineSpec> ParsePipeline(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax syntax)
            {
                return Empty<PipelineSpec>();
            }

            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
            if (!IsTopLevelPartial(type, syntax, requireStatic: true))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidDeclaration, syntax.Identifier.GetLocation(), "Pipeline", type.Name, "static partial class"));
                return new ParseResult<PipelineSpec>(null, diagnostics.ToImmutable());
            }

            var attribute = context.Attributes[0];
            if (attribute.ConstructorArguments.Length != 2 || attribute.ConstructorArguments[0].Value is not string pipelineName
                || attribute.ConstructorArguments[1].Value is not INamedTypeSymbol modelType || modelType.TypeKind == TypeKind.Error)
            {
                return Empty<PipelineSpec>();
            }

            if (!HasDslAttribute(modelType, "ModelAttribute"))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.ModelTypeNotMarked, AttributeLocation(attribute, syntax, ct), "Pipeline", type.Name, modelType.ToDisplayString()));
                return new ParseResult<PipelineSpec>(null, diagnostics.ToImmutable());
            }

            var split = "Auto";
            var holdout = 0.2;
            var seed = 42;
            string? cutoffText = null;
            var folds = 0;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "Split":
                        split = EnumMemberName(named.Value);
                        break;
                    case "HoldoutFraction":
                        holdout = ToDouble(named.Value.Value);
                        break;
                    case "Seed" when named.Value.Value is int s:
                        seed = s;
                        break;
                    case "TimeCutoff":
                        cutoffText = named.Value.Value as string;
                        break;
                    case "BacktestFolds" when named.Value.Value is int f:
                        folds = f;
                        break;
                }
            }

            var problems = new List<string>();
            long? cutoff = null;
            if (cutoffText is not null)
            {
                if (DateTime.TryParseExact(cutoffText, new[] { "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss" }, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    cutoff = parsed.Ticks;
                }
                else
                {
                    problems.Add($"TimeCutoff '{cutoffText}' is not an ISO 8601 date such as \"2015-01-01\"");
                }
            }

            if (folds < 0 || folds == 1 || folds > 52)
            {
                problems.Add($"BacktestFolds must be 0 (none) or between 2 and 52, not {folds}");
            }

            if ((cutoffText is not null || folds > 0) && split is not ("Auto" or "Time"))
            {
                problems.Add($"a time cut-off or a backtest needs Split = SplitStrategy.Time (or Auto on a time-stamped dataset), not {split}");
            }

            if (problems.Count > 0)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidTimeEvaluation, AttributeLocation(attribute, syntax, ct), pipelineName, string.Join("; ", problems)));
                return new ParseResult<PipelineSpec>(null, diagnostics.ToImmutable());
            }

            var spec = new PipelineSpec
            {
                Namespace = NamespaceOf(type),
                TypeName = type.Name,
                FullName = FullName(type),
                PipelineName = pipelineName,
                ModelFullName = FullName(modelType),
                Split = split,
                HoldoutFraction = holdout,
                Seed = seed,
                TimeCutoffTicks = cutoff,
                BacktestFolds = folds,
            };
            var check = spec.Split == "Time" || cutoff is not null || folds > 0
                ? new PipelineCheckSpec(pipelineName, spec.ModelFullName, LocationInfo.From(AttributeLocation(attribute, syntax, ct)) ?? LocationInfo.None)
                : null;
            return new ParseResult<PipelineSpec>(spec, diagnostics.ToImmutable()) { PipelineCheck = check };
        }

        /// <summary>
        /// A <c>[Deployment]</c> class: its settings, checked on their own (PDSL219), and that it serves a <c>[Model]</c>
        /// (PDSL218). That a pipeline trains the model, that it has a gate, that the assignment member is in its dataset
        /// and that the name is unique among the model's deployments need other declarations: see
        /// <see cref="Joiner.CheckDeployments"/>. A spec is returned (with <see cref="DeploymentSpec.HasErrors"/>) for
        /// every deployment of a <c>[Model]</c>, so that name clashes are seen the same way by the checks and the join.
        /// </summary>
        public static ParseResult<DeploymentSpec> ParseDeployment(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax syntax)
            {
                return Empty<DeploymentSpec>();
            }

            var attribute = context.Attributes[0];
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol modelType
                || modelType.TypeKind == TypeKind.Error)
            {
                return Empty<DeploymentSpec>(); // the compiler reports the bad attribute usage
            }

            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
            var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax;
            var attributeLocation = AttributeLocation(attribute, syntax, ct);
            Location At(string? key) => ArgumentLocation(attributeSyntax, key) ?? attributeLocation;

            string? name = null;
            var rollout = "Direct";
            int[]? steps = { 10, 50, 100 };
            int evaluationSeconds = 60, minRequests = 50, challengerPercent = 50;
            double maxErrorRate = 0.01, maxP99 = 50, maxShift = 0.25;
            string? assignment = null;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "Name":
                        name = named.Value.Value as string;
                        break;
                    case "Rollout":
                        rollout = EnumMemberName(named.Value);
                        break;
                    case "CanarySteps":
                        steps = named.Value.Kind != TypedConstantKind.Array || named.Value.IsNull
                            ? null
                            : named.Value.Values.Select(v => v.Value is int i ? i : 0).ToArray();
                        break;
                    case "EvaluationSeconds" when named.Value.Value is int seconds:
                        evaluationSeconds = seconds;
                        break;
                    case "MinRequestsPerWindow" when named.Value.Value is int requests:
                        minRequests = requests;
                        break;
                    case "MaxErrorRate":
                        maxErrorRate = ToDouble(named.Value.Value);
                        break;
                    case "MaxP99LatencyMs":
                        maxP99 = ToDouble(named.Value.Value);
                        break;
                    case "MaxPredictionShift":
                        maxShift = ToDouble(named.Value.Value);
                        break;
                    case "ChallengerPercent" when named.Value.Value is int percent:
                        challengerPercent = percent;
                        break;
                    case "AssignmentMember":
                        assignment = named.Value.Value as string;
                        break;
                }
            }

            var deploymentName = name ?? type.Name;
            if (!HasDslAttribute(modelType, "ModelAttribute"))
            {
                var modelArgument = attributeSyntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null);
                diagnostics.Add(Diagnostic.Create(
                    DiagnosticDescriptors.DeploymentModelNotServed,
                    modelArgument?.GetLocation() ?? attributeLocation,
                    deploymentName,
                    modelType.ToDisplayString(),
                    "is not marked [Model]"));
                return new ParseResult<DeploymentSpec>(null, diagnostics.ToImmutable());
            }

            void Invalid(string key, string problem) =>
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidDeployment, At(key), deploymentName, problem));

            if (name is not null && string.IsNullOrWhiteSpace(name))
            {
                Invalid("Name", "Name must not be empty");
            }

            if (rollout.Length == 0 || char.IsDigit(rollout[0]) || rollout[0] == '-')
            {
                Invalid("Rollout", $"Rollout = {rollout} is not a RolloutStrategy");
            }

            if (steps is null || steps.Length == 0)
            {
                Invalid("CanarySteps", "CanarySteps is empty; it needs increasing percentages that end at 100");
            }
            else
            {
                var problems = new List<string>();
                var outside = steps.Where(p => p < 1 || p > 100).Distinct().ToList();
                if (outside.Count > 0)
                {
                    problems.Add(string.Join(", ", outside.Select(Invariant)) + (outside.Count == 1 ? " is" : " are") + " outside 1..100");
                }

                if (steps.Zip(steps.Skip(1), (a, b) => b <= a).Any(x => x))
                {
                    problems.Add("the steps are not strictly increasing");
                }

                if (steps[steps.Length - 1] != 100)
                {
                    problems.Add($"the last step is {Invariant(steps[steps.Length - 1])}, not 100");
                }

                if (problems.Count > 0)
                {
                    Invalid("CanarySteps", $"CanarySteps = {{ {string.Join(", ", steps.Select(Invariant))} }}: {string.Join("; ", problems)}");
                }
            }

            if (evaluationSeconds < 1)
            {
                Invalid("EvaluationSeconds", $"EvaluationSeconds = {Invariant(evaluationSeconds)} must be at least 1");
            }

            if (minRequests < 1)
            {
                Invalid("MinRequestsPerWindow", $"MinRequestsPerWindow = {Invariant(minRequests)} must be at least 1");
            }

            if (!(maxErrorRate >= 0 && maxErrorRate <= 1))
            {
                Invalid("MaxErrorRate", $"MaxErrorRate = {Invariant(maxErrorRate)} must be between 0 and 1");
            }

            if (!(maxP99 > 0))
            {
                Invalid("MaxP99LatencyMs", $"MaxP99LatencyMs = {Invariant(maxP99)} must be greater than 0");
            }

            if (!(maxShift > 0))
            {
                Invalid("MaxPredictionShift", $"MaxPredictionShift = {Invariant(maxShift)} must be greater than 0");
            }

            if (challengerPercent < 1 || challengerPercent > 99)
            {
                Invalid("ChallengerPercent", $"ChallengerPercent = {Invariant(challengerPercent)} must be between 1 and 99");
            }

            if (assignment is not null && string.IsNullOrWhiteSpace(assignment))
            {
                Invalid("AssignmentMember", "AssignmentMember must not be empty");
            }

            var spec = new DeploymentSpec
            {
                FullName = FullName(type),
                Name = deploymentName,
                ModelFullName = FullName(modelType),
                Rollout = rollout,
                CanarySteps = (steps ?? Array.Empty<int>()).ToEquatableArray(),
                EvaluationSeconds = evaluationSeconds,
                MinRequestsPerWindow = minRequests,
                MaxErrorRate = maxErrorRate,
                MaxP99LatencyMs = maxP99,
                MaxPredictionShift = maxShift,
                ChallengerPercent = challengerPercent,
                AssignmentMember = assignment,
                HasErrors = diagnostics.Count > 0,
            };
            var where = LocationInfo.From(attributeLocation) ?? LocationInfo.None;
            var check = new DeploymentCheckSpec(
                spec.FullName,
                deploymentName,
                spec.ModelFullName,
                modelType.ToDisplayString(),
                assignment,
                where,
                LocationInfo.From(ArgumentLocation(attributeSyntax, "Name")) ?? where,
                LocationInfo.From(ArgumentLocation(attributeSyntax, "AssignmentMember")) ?? where);
            return new ParseResult<DeploymentSpec>(spec, diagnostics.ToImmutable()) { DeploymentCheck = check };
        }

        /// <summary>
        /// A <c>[Monitor]</c> class: its settings, checked on their own (PDSL222), and that it watches a <c>[Model]</c>
        /// (PDSL221). That a pipeline trains the model, that no other monitor watches it and that the model's task produces
        /// the decay metric need other declarations: see <see cref="Joiner.CheckMonitors"/>. A spec is returned (with
        /// <see cref="MonitorSpec.HasErrors"/>) for every monitor of a <c>[Model]</c>, so that the checks and the join see
        /// the same monitors.
        /// </summary>
        public static ParseResult<MonitorSpec> ParseMonitor(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax syntax)
            {
                return Empty<MonitorSpec>();
            }

            var attribute = context.Attributes[0];
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol modelType
                || modelType.TypeKind == TypeKind.Error)
            {
                return Empty<MonitorSpec>(); // the compiler reports the bad attribute usage
            }

            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
            var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax;
            var attributeLocation = AttributeLocation(attribute, syntax, ct);
            Location At(string? key) => ArgumentLocation(attributeSyntax, key) ?? attributeLocation;

            // The attribute's defaults (MonitorAttribute, MonitorDefinition.Default).
            string? window = "1000 rows";
            double maxPsi = 0.2, minKs = 1e-4, maxJs = 0.2, minChi = 1e-4, maxPredictionPsi = 0.2, maxInvalid = 0.01, maxStaleness = 0, maxDecay = 0.05;
            var decayMetric = "Auc";
            var decayMetricWritten = false;
            var minLabelled = 200;
            int onDrift = 3, onQuality = 3, onDecay = 7;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "Window":
                        window = named.Value.Value as string;
                        break;
                    case "MaxPsi":
                        maxPsi = ToDouble(named.Value.Value);
                        break;
                    case "MinKsPValue":
                        minKs = ToDouble(named.Value.Value);
                        break;
                    case "MaxJensenShannon":
                        maxJs = ToDouble(named.Value.Value);
                        break;
                    case "MinChiSquarePValue":
                        minChi = ToDouble(named.Value.Value);
                        break;
                    case "MaxPredictionPsi":
                        maxPredictionPsi = ToDouble(named.Value.Value);
                        break;
                    case "MaxInvalidRate":
                        maxInvalid = ToDouble(named.Value.Value);
                        break;
                    case "MaxStalenessHours":
                        maxStaleness = ToDouble(named.Value.Value);
                        break;
                    case "DecayMetric":
                        decayMetric = EnumMemberName(named.Value);
                        decayMetricWritten = true;
                        break;
                    case "MaxDecay":
                        maxDecay = ToDouble(named.Value.Value);
                        break;
                    case "MinLabelledRows" when named.Value.Value is int rows:
                        minLabelled = rows;
                        break;
                    case "OnDrift" when named.Value.Value is int action:
                        onDrift = action;
                        break;
                    case "OnQuality" when named.Value.Value is int action:
                        onQuality = action;
                        break;
                    case "OnDecay" when named.Value.Value is int action:
                        onDecay = action;
                        break;
                }
            }

            var monitorName = type.Name;
            if (!HasDslAttribute(modelType, "ModelAttribute"))
            {
                var modelArgument = attributeSyntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null);
                diagnostics.Add(Diagnostic.Create(
                    DiagnosticDescriptors.MonitorModelNotTrained,
                    modelArgument?.GetLocation() ?? attributeLocation,
                    monitorName,
                    modelType.ToDisplayString(),
                    "is not marked [Model]"));
                return new ParseResult<MonitorSpec>(null, diagnostics.ToImmutable());
            }

            void Invalid(string key, string problem) =>
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidMonitor, At(key), monitorName, problem));

            int windowRows = 0;
            long windowTicks = 0;
            var windowText = window is null ? "null" : SymbolDisplay.FormatLiteral(window, quote: true);
            if (!DurationParser.TryParseRowsOrDuration(window, out windowTicks, out windowRows))
            {
                Invalid("Window", $"Window = {windowText} is neither \"N rows\" nor a positive duration such as \"1 hour\", \"30 minutes\", \"1 day\" or \"2h\"");
            }
            else if (windowTicks == 0 && windowRows < MinWindowRows)
            {
                Invalid("Window", $"Window = {windowText} must have at least {Invariant(MinWindowRows)} rows");
            }

            if (!(maxPsi > 0))
            {
                Invalid("MaxPsi", $"MaxPsi = {Invariant(maxPsi)} must be greater than 0");
            }

            if (!(minKs >= 0 && minKs < 1))
            {
                Invalid("MinKsPValue", $"MinKsPValue = {Invariant(minKs)} must be at least 0 and below 1 (0 turns the rule off)");
            }

            if (!(maxJs > 0 && maxJs <= 1))
            {
                Invalid("MaxJensenShannon", $"MaxJensenShannon = {Invariant(maxJs)} must be greater than 0 and at most 1 (1 turns the rule off)");
            }

            if (!(minChi >= 0 && minChi < 1))
            {
                Invalid("MinChiSquarePValue", $"MinChiSquarePValue = {Invariant(minChi)} must be at least 0 and below 1 (0 turns the rule off)");
            }

            if (!(maxPredictionPsi > 0))
            {
                Invalid("MaxPredictionPsi", $"MaxPredictionPsi = {Invariant(maxPredictionPsi)} must be greater than 0");
            }

            if (!(maxInvalid >= 0 && maxInvalid <= 1))
            {
                Invalid("MaxInvalidRate", $"MaxInvalidRate = {Invariant(maxInvalid)} must be between 0 and 1");
            }

            if (!(maxStaleness >= 0))
            {
                Invalid("MaxStalenessHours", $"MaxStalenessHours = {Invariant(maxStaleness)} must be 0 (off) or a positive number of hours");
            }

            if (Joiner.DecayMetricProblem(null, decayMetric, decayMetricWritten) is { } metricProblem)
            {
                Invalid("DecayMetric", metricProblem);
            }

            if (!(maxDecay >= 0))
            {
                Invalid("MaxDecay", $"MaxDecay = {Invariant(maxDecay)} must be 0 or greater");
            }

            if (minLabelled < 1)
            {
                Invalid("MinLabelledRows", $"MinLabelledRows = {Invariant(minLabelled)} must be at least 1");
            }

            foreach (var (key, value) in new[] { ("OnDrift", onDrift), ("OnQuality", onQuality), ("OnDecay", onDecay) })
            {
                if (!IsMonitorAction(value))
                {
                    Invalid(key, $"{key} = {Invariant(value)} is not a combination of MonitorAction.None, Log, Alert, Retrain and Rollback");
                }
            }

            var spec = new MonitorSpec
            {
                FullName = FullName(type),
                ModelFullName = FullName(modelType),
                WindowRows = windowTicks == 0 ? windowRows : 0,
                WindowTicks = windowTicks,
                MaxPsi = maxPsi,
                MinKsPValue = minKs,
                MaxJensenShannon = maxJs,
                MinChiSquarePValue = minChi,
                MaxPredictionPsi = maxPredictionPsi,
                MaxInvalidRate = maxInvalid,
                MaxStalenessHours = maxStaleness,
                DecayMetric = decayMetric,
                MaxDecay = maxDecay,
                MinLabelledRows = minLabelled,
                OnDrift = onDrift,
                OnQuality = onQuality,
                OnDecay = onDecay,
                HasErrors = diagnostics.Count > 0,
            };
            var where = LocationInfo.From(attributeLocation) ?? LocationInfo.None;
            var check = new MonitorCheckSpec(
                spec.FullName,
                monitorName,
                spec.ModelFullName,
                modelType.ToDisplayString(),
                decayMetric,
                decayMetricWritten,
                where,
                LocationInfo.From(ArgumentLocation(attributeSyntax, "DecayMetric")) ?? where);
            return new ParseResult<MonitorSpec>(spec, diagnostics.ToImmutable()) { MonitorCheck = check };
        }

        /// <summary>The smallest row-count window a monitor accepts: fewer rows give no usable drift statistics.</summary>
        private const int MinWindowRows = 10;

        /// <summary>
        /// Whether <paramref name="value"/> is a combination of the defined <c>MonitorAction</c> flags (None 0, Log 1,
        /// Alert 3, Retrain 7, Rollback 11): the union of the defined values it contains must be the value itself.
        /// </summary>
        private static bool IsMonitorAction(int value)
        {
            var union = 0;
            foreach (var flag in new[] { 0, 1, 3, 7, 11 })
            {
                if ((flag & ~value) == 0)
                {
                    union |= flag;
                }
            }

            return union == value;
        }

        /// <summary>The named argument <paramref name="key"/> of an attribute, when it is written; else null.</summary>
        private static Location? ArgumentLocation(AttributeSyntax? attribute, string? key) =>
            key is null || attribute?.ArgumentList is not { } arguments
                ? null
                : arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == key)?.GetLocation();

        private static Location AttributeOrClass(LocationInfo location, TypeDeclarationSyntax syntax) =>
            location == LocationInfo.None ? syntax.Identifier.GetLocation() : location.ToLocation();

        private static ParseResult<T> Empty<T>()
            where T : class => new(null, ImmutableArray<Diagnostic>.Empty);

        /// <summary>The simple name of a DSL attribute (namespace <c>PipelineDsl</c>), else null.</summary>
        private static string? DslAttributeName(AttributeData attribute) =>
            attribute.AttributeClass is { } c && c.ContainingNamespace is { Name: DslNamespace } ns && ns.ContainingNamespace is { IsGlobalNamespace: true }
                ? c.Name
                : null;

        private static bool HasDslAttribute(INamedTypeSymbol type, string attributeName) =>
            type.GetAttributes().Any(a => DslAttributeName(a) == attributeName);

        private static bool TryGetKind(ITypeSymbol type, out ValueKind kind, out bool nullable)
        {
            nullable = false;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapped)
            {
                nullable = true;
                type = wrapped.TypeArguments[0];
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                    kind = ValueKind.String;
                    nullable = type.NullableAnnotation == NullableAnnotation.Annotated;
                    return true;
                case SpecialType.System_Boolean:
                    kind = ValueKind.Boolean;
                    return true;
                case SpecialType.System_Int32:
                    kind = ValueKind.Int32;
                    return true;
                case SpecialType.System_Int64:
                    kind = ValueKind.Int64;
                    return true;
                case SpecialType.System_Single:
                    kind = ValueKind.Single;
                    return true;
                case SpecialType.System_Double:
                    kind = ValueKind.Double;
                    return true;
                case SpecialType.System_Decimal:
                    kind = ValueKind.Decimal;
                    return true;
                case SpecialType.System_DateTime:
                    kind = ValueKind.DateTime;
                    return true;
                default:
                    kind = ValueKind.String;
                    return false;
            }
        }

        private static bool IsNumeric(ValueKind kind) =>
            kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Single or ValueKind.Double or ValueKind.Decimal;

        /// <summary>Top-level, non-generic, declared <c>partial</c>; a class or record class; static or not as asked (null: either).</summary>
        private static bool IsTopLevelPartial(INamedTypeSymbol type, TypeDeclarationSyntax syntax, bool? requireStatic)
        {
            if (type.ContainingType is not null || type.IsGenericType || !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return false;
            }

            var isClass = syntax is ClassDeclarationSyntax || syntax.IsKind(SyntaxKind.RecordDeclaration);
            if (!isClass || type.TypeKind != TypeKind.Class)
            {
                return false;
            }

            if (requireStatic == true)
            {
                return type.IsStatic && syntax is ClassDeclarationSyntax;
            }

            return requireStatic is null || !type.IsStatic;
        }

        private static string TypeKeyword(TypeDeclarationSyntax syntax) => syntax.IsKind(SyntaxKind.RecordDeclaration) ? "record" : "class";

        private static string NamespaceOf(INamedTypeSymbol type) =>
            type.ContainingNamespace is null || type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();

        private static string FullName(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        private static bool IsEffectivelyPublic(INamedTypeSymbol type)
        {
            for (var t = type; t is not null; t = t.ContainingType)
            {
                if (t.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }

        private static Location AttributeLocation(AttributeData attribute, TypeDeclarationSyntax fallback, CancellationToken ct) =>
            attribute.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? fallback.Identifier.GetLocation();

        /// <summary>The enum member's name for a constant, or its number when no member has that value.</summary>
        private static string EnumMemberName(TypedConstant constant)
        {
            if (constant.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
            {
                foreach (var field in enumType.GetMembers().OfType<IFieldSymbol>())
                {
                    if (field.HasConstantValue && Equals(field.ConstantValue, constant.Value))
                    {
                        return field.Name;
                    }
                }
            }

            return Convert.ToString(constant.Value, CultureInfo.InvariantCulture) ?? "0";
        }

        /// <summary>The rule an attribute on a gate class declares, or null for any other attribute.</summary>
        private static GateRuleSpec? GateRule(AttributeData a)
        {
            var args = a.ConstructorArguments;
            int? Named(string key) => a.NamedArguments.FirstOrDefault(n => n.Key == key).Value.Value is int i ? i : null;
            double NamedDouble(string key) => ToDouble(a.NamedArguments.FirstOrDefault(n => n.Key == key).Value.Value);
            switch (DslAttributeName(a))
            {
                case "MinMetricAttribute" or "MaxMetricAttribute" when args.Length == 2:
                    var worstFold = a.NamedArguments.Any(n => n.Key == "WorstFold" && n.Value.Value is true);
                    return new GateRuleSpec(EnumMemberName(args[0]), DslAttributeName(a) == "MinMetricAttribute", ToDouble(args[1].Value), worstFold);
                case "NoRegressionAttribute" when args.Length == 1:
                    var metric = EnumMemberName(args[0]);
                    return new GateRuleSpec(metric, HigherIsBetter(metric), NamedDouble("Tolerance"), Kind: "NoRegression");
                case "SliceGateAttribute" when args.Length == 3 && args[0].Value is string member:
                    var sliced = EnumMemberName(args[1]);
                    return new GateRuleSpec(sliced, HigherIsBetter(sliced), ToDouble(args[2].Value), Kind: "Slice", Member: member, MinRows: Named("MinRows") ?? 30);
                case "FairnessGateAttribute" when args.Length == 3 && args[0].Value is string sensitive:
                    return new GateRuleSpec("Auc", false, ToDouble(args[2].Value), Kind: "Fairness", Member: sensitive, MinRows: Named("MinRows") ?? 30, Criterion: EnumMemberName(args[1]));
                default:
                    return null;
            }
        }

        /// <summary>Whether a larger value of the metric (a <c>Metric</c> member name) is better; errors, calibration and latency are not.</summary>
        private static bool HigherIsBetter(string metric) => metric is not ("LogLoss" or "Rmse" or "Mae" or "CalibrationError" or "P99LatencyMs");

        private static double ToDouble(object? value) => value is null ? 0d : Convert.ToDouble(value, CultureInfo.InvariantCulture);

        /// <summary>The node's tokens joined by single spaces: trivia (whitespace, comments) does not count.</summary>
        private static string NormalizedTokens(SyntaxNode node) =>
            string.Join(" ", node.DescendantTokens().Select(t => t.Text));

        private static string NormalizedSchema(IEnumerable<ColumnSpec> columns)
        {
            var lines = columns
                .Select(c =>
                    $"{c.Member}:{c.Kind}{(c.IsNullable ? "?" : "")}|header={c.Header}|roles={Roles(c)}|required={(c.IsRequired ? 1 : 0)}"
                    + $"|range={(c.HasRange ? Invariant(c.Minimum) + ".." + Invariant(c.Maximum) : "-")}"
                    + $"|categories={(c.Categories.Count > 0 ? string.Join(",", c.Categories) : "-")}")
                .OrderBy(l => l, StringComparer.Ordinal);
            return string.Join("\n", lines);

            static string Roles(ColumnSpec c) =>
                (c.IsKey ? "K" : "") + (c.IsLabel ? "L" : "") + (c.IsTimestamp ? "T" : "") + (c.IsNotAvailableAtPrediction ? "N" : "");
        }

        private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
