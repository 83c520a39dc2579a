using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace PipelineDsl.Analyzers;

/// <summary>The DSL attributes and framework types the analyzers look for, resolved once per compilation.</summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation, INamedTypeSymbol feature)
    {
        Feature = feature;
        FeatureSet = compilation.GetTypeByMetadataName("PipelineDsl.FeatureSetAttribute");
        Dataset = compilation.GetTypeByMetadataName("PipelineDsl.DatasetAttribute");
        Label = compilation.GetTypeByMetadataName("PipelineDsl.LabelAttribute");
        NotAvailableAtPrediction = compilation.GetTypeByMetadataName("PipelineDsl.NotAvailableAtPredictionAttribute");
        Key = compilation.GetTypeByMetadataName("PipelineDsl.KeyAttribute");
        Pipeline = compilation.GetTypeByMetadataName("PipelineDsl.PipelineAttribute");
        Model = compilation.GetTypeByMetadataName("PipelineDsl.ModelAttribute");

        String = compilation.GetSpecialType(SpecialType.System_String);
        Char = compilation.GetSpecialType(SpecialType.System_Char);
        DateTime = compilation.GetSpecialType(SpecialType.System_DateTime);
        Nullable = compilation.GetSpecialType(SpecialType.System_Nullable_T);
        Enumerable = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        Random = compilation.GetTypeByMetadataName("System.Random");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        Environment = compilation.GetTypeByMetadataName("System.Environment");
        Stopwatch = compilation.GetTypeByMetadataName("System.Diagnostics.Stopwatch");
        HashCode = compilation.GetTypeByMetadataName("System.HashCode");
        StringComparer = compilation.GetTypeByMetadataName("System.StringComparer");
        Convert = compilation.GetTypeByMetadataName("System.Convert");
        FormatProvider = compilation.GetTypeByMetadataName("System.IFormatProvider");
        CultureInfo = compilation.GetTypeByMetadataName("System.Globalization.CultureInfo");
        StringComparison = compilation.GetTypeByMetadataName("System.StringComparison");

        var io = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var name in new[]
        {
            "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.IO.StreamReader", "System.IO.StreamWriter",
            "System.IO.FileInfo", "System.IO.DirectoryInfo", "System.IO.DriveInfo", "System.Net.Http.HttpClient",
            "System.Net.WebClient", "System.Net.WebRequest", "System.Net.Dns", "System.Console",
        })
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                io.Add(type);
            }
        }

        ExternalTypes = io.ToImmutableHashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
    }

    public INamedTypeSymbol Feature { get; }

    public INamedTypeSymbol? FeatureSet { get; }

    public INamedTypeSymbol? Dataset { get; }

    public INamedTypeSymbol? Label { get; }

    public INamedTypeSymbol? NotAvailableAtPrediction { get; }

    public INamedTypeSymbol? Key { get; }

    public INamedTypeSymbol? Pipeline { get; }

    public INamedTypeSymbol? Model { get; }

    public INamedTypeSymbol String { get; }

    public INamedTypeSymbol Char { get; }

    public INamedTypeSymbol DateTime { get; }

    public INamedTypeSymbol Nullable { get; }

    public INamedTypeSymbol Enumerable { get; }

    public INamedTypeSymbol? DateTimeOffset { get; }

    public INamedTypeSymbol? Random { get; }

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol? Environment { get; }

    public INamedTypeSymbol? Stopwatch { get; }

    public INamedTypeSymbol? HashCode { get; }

    public INamedTypeSymbol? StringComparer { get; }

    public INamedTypeSymbol? Convert { get; }

    public INamedTypeSymbol? FormatProvider { get; }

    public INamedTypeSymbol? CultureInfo { get; }

    public INamedTypeSymbol? StringComparison { get; }

    /// <summary>Files, streams, the network and the console.</summary>
    public ImmutableHashSet<INamedTypeSymbol> ExternalTypes { get; }

    /// <summary>Null when the compilation does not reference PipelineDsl (no <c>PipelineDsl.FeatureAttribute</c>).</summary>
    public static KnownSymbols? Create(Compilation compilation) =>
        compilation.GetTypeByMetadataName("PipelineDsl.FeatureAttribute") is { } feature ? new KnownSymbols(compilation, feature) : null;

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return false;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }

    public static AttributeData? GetAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return data;
            }
        }

        return null;
    }

    public bool IsDataset(ITypeSymbol? type) => type is not null && HasAttribute(type, Dataset);

    /// <summary>The dataset type of a feature: its feature set's <c>typeof(Row)</c>, else its first parameter's type.</summary>
    public ITypeSymbol? DatasetOf(IMethodSymbol feature)
    {
        if (GetAttribute(feature.ContainingType, FeatureSet) is { ConstructorArguments.Length: > 0 } set
            && set.ConstructorArguments[0].Value is ITypeSymbol row)
        {
            return row;
        }

        return feature.Parameters.Length > 0 ? feature.Parameters[0].Type : null;
    }

    /// <summary>The dataset row type when <paramref name="type"/> is an array or an <c>IEnumerable&lt;Row&gt;</c> of a [Dataset] type.</summary>
    public ITypeSymbol? RowCollectionElement(ITypeSymbol? type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return IsDataset(array.ElementType) ? array.ElementType : null;
            case INamedTypeSymbol named:
                if (Is(named, Enumerable) && IsDataset(named.TypeArguments[0]))
                {
                    return named.TypeArguments[0];
                }

                foreach (var face in named.AllInterfaces)
                {
                    if (Is(face, Enumerable) && IsDataset(face.TypeArguments[0]))
                    {
                        return face.TypeArguments[0];
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
