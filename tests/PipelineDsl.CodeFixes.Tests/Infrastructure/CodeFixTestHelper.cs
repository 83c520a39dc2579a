using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PipelineDsl.Analyzers;
using PipelineDsl.Analyzers.Tests.Infrastructure;

namespace PipelineDsl.CodeFixes.Tests.Infrastructure;

/// <summary>
/// Applies a code fix the way the IDE does: a document in an <see cref="AdhocWorkspace"/> (same references as the analyzer
/// tests: the framework plus the real Abstractions), the analyzers' diagnostics, the provider's code actions, their
/// operations applied to the solution.
/// </summary>
internal static class CodeFixTestHelper
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>What a user project gets from ImplicitUsings (no System.Globalization), plus PipelineDsl.</summary>
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using PipelineDsl;
        """;

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
        [new LeakageAnalyzer(), new SkewAnalyzer(), new RandomSplitAnalyzer()];

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>A one-project solution holding <c>Input.cs</c> (the source under test), the global usings and any other files.</summary>
    public static Document CreateDocument(string source, params (string Path, string Source)[] others)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "CodeFixTestAssembly",
            "CodeFixTestAssembly",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: ParseOptions,
            metadataReferences: LazyReferences.Value));

        var inputId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(inputId, "Input.cs", SourceText.From(source, Encoding.UTF8));
        foreach (var (path, text) in others.Append(("GlobalUsings.cs", GlobalUsings)))
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), path, SourceText.From(text, Encoding.UTF8));
        }

        return solution.GetDocument(inputId)!;
    }

    /// <summary>The analyzers' diagnostics with <paramref name="id"/> in <paramref name="document"/>, in source order.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document, string id)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var tree = await document.GetSyntaxTreeAsync();
        var diagnostics = await compilation.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => d.Id == id && d.Location.SourceTree == tree).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    /// <summary>The compiler errors of the document's project.</summary>
    public static async Task<string[]> ErrorsAsync(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
    }

    /// <summary>
    /// Checks that the markup's <c>{|ID:span|}</c> diagnostics are exactly the ones reported with that id, and returns the
    /// document (plain source) and those diagnostics.
    /// </summary>
    public static async Task<(Document Document, ImmutableArray<Diagnostic> Diagnostics)> VerifyDiagnosticsAsync(string markup, string id, params (string Path, string Source)[] others)
    {
        var (source, expected) = Markup.Parse(markup);
        var document = CreateDocument(source, others);
        Assert.Empty(await ErrorsAsync(document));
        var diagnostics = await DiagnosticsAsync(document, id);
        Assert.Equal(
            expected.Where(e => e.Id == id).Select(e => source.Substring(e.Span.Start, e.Span.Length) + "@" + e.Span.Start),
            diagnostics.Select(d => source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) + "@" + d.Location.SourceSpan.Start));
        return (document, diagnostics);
    }

    /// <summary>The code actions the provider registers for one diagnostic.</summary>
    public static async Task<ImmutableArray<CodeAction>> ActionsAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        return actions.ToImmutable();
    }

    /// <summary>Applies the action's operations and returns the changed document.</summary>
    public static async Task<Document> ApplyAsync(CodeAction action, Document document)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var solution = document.Project.Solution;
        foreach (var operation in operations)
        {
            if (operation is ApplyChangesOperation apply)
            {
                solution = apply.ChangedSolution;
            }
        }

        return solution.GetDocument(document.Id)!;
    }

    /// <summary>
    /// Verifies <paramref name="markup"/>'s diagnostics of <paramref name="id"/>, applies the single fix offered for each
    /// one in turn (re-analysing after each), and checks the result: the expected text, no diagnostic of that id left,
    /// no compiler error.
    /// </summary>
    public static async Task VerifyFixAsync(CodeFixProvider provider, string id, string markup, string expected, params (string Path, string Source)[] others)
    {
        var (document, diagnostics) = await VerifyDiagnosticsAsync(markup, id, others);
        Assert.NotEmpty(diagnostics);
        for (var round = 0; round < diagnostics.Length; round++)
        {
            var remaining = await DiagnosticsAsync(document, id);
            Assert.NotEmpty(remaining);
            var action = Assert.Single(await ActionsAsync(provider, document, remaining[0]));
            document = await ApplyAsync(action, document);
        }

        await AssertFixedAsync(document, id, expected);
    }

    /// <summary>Applies the provider's fix-all (document scope) for the first diagnostic's equivalence key and checks the result.</summary>
    public static async Task VerifyFixAllAsync(CodeFixProvider provider, string id, string markup, string expected, params (string Path, string Source)[] others)
    {
        var (document, diagnostics) = await VerifyDiagnosticsAsync(markup, id, others);
        Assert.True(diagnostics.Length >= 2, "A fix-all test needs at least two diagnostics.");
        var first = Assert.Single(await ActionsAsync(provider, document, diagnostics[0]));

        var fixAll = provider.GetFixAllProvider();
        Assert.NotNull(fixAll);
        var context = new FixAllContext(
            document,
            provider,
            FixAllScope.Document,
            first.EquivalenceKey,
            [id],
            new DocumentDiagnostics(diagnostics),
            CancellationToken.None);
        var action = await fixAll!.GetFixAsync(context);
        Assert.NotNull(action);
        document = await ApplyAsync(action!, document);

        await AssertFixedAsync(document, id, expected);
    }

    /// <summary>Checks that no fix is offered for any diagnostic of <paramref name="id"/> in the markup.</summary>
    public static async Task VerifyNoFixAsync(CodeFixProvider provider, string id, string markup, params (string Path, string Source)[] others)
    {
        var (document, diagnostics) = await VerifyDiagnosticsAsync(markup, id, others);
        Assert.NotEmpty(diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            Assert.Empty(await ActionsAsync(provider, document, diagnostic));
        }
    }

    private static async Task AssertFixedAsync(Document document, string id, string expected)
    {
        var actual = (await document.GetTextAsync()).ToString();
        Assert.Equal(expected.ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
        Assert.Empty(await ErrorsAsync(document));
        Assert.Empty(await DiagnosticsAsync(document, id));
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

    /// <summary>Hands the fix-all context the diagnostics already computed for the document.</summary>
    private sealed class DocumentDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>([]);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
