using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace PipelineDsl.Analyzers.Tests.Infrastructure;

/// <summary>Builds compilations against the real Abstractions and runs the PipelineDsl analyzers over them.</summary>
internal static class AnalyzerTestHelper
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>What a user project gets from ImplicitUsings, plus the namespaces the test snippets use.</summary>
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Globalization;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using PipelineDsl;
        """;

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
        [new LeakageAnalyzer(), new SkewAnalyzer(), new RandomSplitAnalyzer(), new DeclarationAnalyzer()];

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    public static CSharpCompilation CreateCompilation(params (string Path, string Source)[] sources) =>
        CSharpCompilation.Create(
            "AnalyzerTestAssembly",
            sources.Append(("GlobalUsings.cs", GlobalUsings)).Select(s => CSharpSyntaxTree.ParseText(s.Item2, ParseOptions, s.Item1, Encoding.UTF8)),
            LazyReferences.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Compiles the sources (asserting they are valid C#) and returns the analyzers' diagnostics in source order.</summary>
    public static ImmutableArray<Diagnostic> Analyze(params (string Path, string Source)[] sources)
    {
        var compilation = CreateCompilation(sources);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The test source does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));

        var diagnostics = compilation.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return diagnostics
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    public static ImmutableArray<Diagnostic> Analyze(string source) => Analyze(("Input.cs", source));

    /// <summary>
    /// Verifies markup: every <c>{|PDSL101:span|}</c> must be reported exactly on that span and nothing else may be reported.
    /// Returns the diagnostics so a test can also check messages.
    /// </summary>
    public static ImmutableArray<Diagnostic> Verify(string markup, params (string Path, string Source)[] others)
    {
        var (source, expected) = Markup.Parse(markup);
        var diagnostics = Analyze(others.Prepend(("Input.cs", source)).ToArray());
        var actual = diagnostics.Select(d => $"{d.Id}@{source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)}").ToArray();
        Assert.Equal(expected.Select(e => $"{e.Id}@{source.Substring(e.Span.Start, e.Span.Length)}").Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Select(e => e.Span).Order(), diagnostics.Select(d => d.Location.SourceSpan).Order());
        return diagnostics;
    }

    /// <summary>The repository root (the folder holding PipelineDsl.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PipelineDsl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PipelineDsl.sln not found above " + AppContext.BaseDirectory);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var tpa = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "";
        foreach (var path in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            paths.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }

        paths["PipelineDsl.Abstractions"] = Path.Combine(AppContext.BaseDirectory, "PipelineDsl.Abstractions.dll");
        return paths.Values.OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
