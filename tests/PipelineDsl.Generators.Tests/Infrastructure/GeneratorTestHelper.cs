using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PipelineDsl.Generators;

namespace PipelineDsl.Generators.Tests.Infrastructure;

/// <summary>Builds compilations against the real Abstractions and Runtime and runs the generator over them.</summary>
internal static class GeneratorTestHelper
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>Every trusted platform assembly plus PipelineDsl.Abstractions and PipelineDsl.Runtime.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    public static CSharpCompilation CreateCompilation(params (string Path, string Source)[] sources) =>
        CSharpCompilation.Create(
            "GeneratorTestAssembly",
            sources.Select(s => Parse(s.Source, s.Path)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static CSharpCompilation CreateCompilation(string source) => CreateCompilation(("Input.cs", source));

    /// <summary>The compilation with the diagnostics <paramref name="ids"/> suppressed, as <c>NoWarn</c> does in a project.</summary>
    public static CSharpCompilation Silence(CSharpCompilation compilation, params string[] ids) =>
        compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            compilation.Options.SpecificDiagnosticOptions.SetItems(ids.Select(id => new KeyValuePair<string, ReportDiagnostic>(id, ReportDiagnostic.Suppress)))));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new PipelineGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once and returns the driver (for run results) and the updated compilation.</summary>
    public static (GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(Compilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (driver, output, diagnostics);
    }

    /// <summary>The generator's diagnostics for <paramref name="source"/>.</summary>
    public static ImmutableArray<Diagnostic> GeneratorDiagnostics(string source) =>
        Run(CreateCompilation(source)).Driver.GetRunResult().Diagnostics;

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var tpa = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "";
        foreach (var path in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            paths.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }

        foreach (var name in new[] { "PipelineDsl.Abstractions", "PipelineDsl.Runtime" })
        {
            paths[name] = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        }

        return paths.Values.OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
