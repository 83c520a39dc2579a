using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PipelineDsl.GeneratorBenchmarks;
using PipelineDsl.Generators;

// Usage: PipelineDsl.GeneratorBenchmarks RESULTS_FILE [RUNS] [FEATURE COUNTS, e.g. 100,1000,5000]
var resultsFile = Path.GetFullPath(args.Length > 0 ? args[0] : "results/generator-benchmark.md");
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var sizes = args.Length > 2 ? args[2].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [100, 1000, 5000];
var parse = new CSharpParseOptions(LanguageVersion.Latest);
var references = References();
var analyzers = AnalyzerCatalog.Load();

var report = new StringBuilder();
report.AppendLine("# Generator and analyzer cost");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; Roslyn {typeof(CSharpCompilation).Assembly.GetName().Version}. Median of {runs} runs, after a warm-up.");
report.AppendLine("Projects: one 24-column dataset, feature sets of 250 features (arithmetic, a helper call, conditionals), one model, gate and pipeline per set (tests/PipelineDsl.GeneratorBenchmarks/SyntheticProject.cs).");
report.AppendLine(analyzers.Length == 0 ? "Analyzers: none found next to this program (analyzer columns empty)." : $"Analyzers: {string.Join(", ", analyzers.Select(a => a.GetType().Name))}.");
report.AppendLine();
report.AppendLine("| features | source lines | generator, cold (ms) | after an unrelated edit (ms) | output steps after the edit | analyzers (ms) | analyzers per 1,000 lines (ms) | compile without (ms) | compile with generator (ms) | compile with generator + analyzers (ms) | overhead |");
report.AppendLine("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");

foreach (var features in sizes)
{
    var files = SyntheticProject.Create(features);
    var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Source, parse, f.Path)).ToImmutableArray();
    var lines = files.Sum(f => f.Source.Count(c => c == '\n'));
    var compilation = CSharpCompilation.Create("Bench", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    var cold = new List<double>();
    var edit = new List<double>();
    string steps = "";
    for (var r = 0; r <= runs; r++)
    {
        var driver = (GeneratorDriver)CSharpGeneratorDriver.Create(
            [new PipelineGenerator().AsSourceGenerator()], parseOptions: parse,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        var sw = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        var first = sw.Elapsed.TotalMilliseconds;

        // An unrelated edit: a method added to a file that declares nothing PipelineDsl reads.
        var unrelated = trees.Single(t => t.FilePath == "Unrelated.cs");
        var edited = compilation.ReplaceSyntaxTree(unrelated, unrelated.WithChangedText(unrelated.GetText().WithChanges(
            new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(unrelated.GetText().Length - 2, 0), $"    public static int Other{r}() => {r};\n"))));
        sw.Restart();
        driver = driver.RunGenerators(edited);
        var second = sw.Elapsed.TotalMilliseconds;
        if (r == 0)
        {
            continue; // warm-up
        }

        cold.Add(first);
        edit.Add(second);
        var outputs = driver.GetRunResult().Results[0].TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        steps = outputs.All(x => x is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)
            ? $"all {outputs.Count} Cached/Unchanged ({outputs.Count(x => x == IncrementalStepRunReason.Cached)} Cached)"
            : "NOT cached: " + string.Join(", ", outputs.GroupBy(x => x).Select(g => $"{g.Key} {g.Count()}"));
    }

    // Analyzers over the project with its generated code (they skip generated files).
    CSharpGeneratorDriver.Create([new PipelineGenerator().AsSourceGenerator()], parseOptions: parse)
        .RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);
    var analyzerTimes = new List<double>();
    if (analyzers.Length > 0)
    {
        for (var r = 0; r <= runs; r++)
        {
            // The analyzers' own execution time (Roslyn's telemetry), not the binding the compiler does anyway.
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true);
            var result = withGenerated.WithAnalyzers(analyzers, options).GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (r > 0)
            {
                analyzerTimes.Add(result.AnalyzerTelemetryInfo.Values.Sum(t => t.ExecutionTime.TotalMilliseconds));
            }
        }
    }

    // Compile: emit without the generator and analyzers, and with both (generator run + emit of the generated code + analyzers).
    var without = new List<double>();
    var generatorOnly = new List<double>();
    var with = new List<double>();
    for (var r = 0; r <= runs; r++)
    {
        var sw = Stopwatch.StartNew();
        Emit(compilation.Clone());
        var a = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        CSharpGeneratorDriver.Create([new PipelineGenerator().AsSourceGenerator()], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation.Clone(), out var generatedOnly, out _);
        Emit(generatedOnly);
        var g = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        CSharpGeneratorDriver.Create([new PipelineGenerator().AsSourceGenerator()], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation.Clone(), out var generated, out _);
        if (analyzers.Length > 0)
        {
            var withAnalyzers = generated.WithAnalyzers(analyzers);
            Emit(withAnalyzers.Compilation);
            _ = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        }
        else
        {
            Emit(generated);
        }

        var b = sw.Elapsed.TotalMilliseconds;
        if (r > 0)
        {
            without.Add(a);
            generatorOnly.Add(g);
            with.Add(b);
        }
    }

    var analyzerMedian = analyzerTimes.Count > 0 ? Median(analyzerTimes) : double.NaN;
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {features:N0} | {lines:N0} | {Median(cold):0.0} | {Median(edit):0.0} | {steps} | {(analyzerTimes.Count > 0 ? analyzerMedian.ToString("0.0", CultureInfo.InvariantCulture) : "-")} | {(analyzerTimes.Count > 0 ? (analyzerMedian * 1000 / lines).ToString("0.00", CultureInfo.InvariantCulture) : "-")} | {Median(without):0} | {Median(generatorOnly):0} | {Median(with):0} | {(Median(with) / Median(without)) - 1:P0} |");
    Console.WriteLine($"{features} features done");
}

// Real builds (MSBuild, `dotnet build --no-incremental`) of the same project with and without the generator and analyzers.
report.AppendLine();
// Twice: with the compiler server (VBCSCompiler, what `dotnet build` uses by default, warm after the first build) and with
// UseSharedCompilation=false (a fresh csc per build, as on CI machines that disable the server, this one included): there
// every build also pays for loading and JIT-compiling the generator and analyzers.
report.AppendLine("| features | compiler | `dotnet build` without generator and analyzers (ms) | with (ms) | build overhead |");
report.AppendLine("|---:|---|---:|---:|---:|");
foreach (var features in sizes)
{
    foreach (var shared in new[] { true, false })
    {
        var (without, with) = MsBuildTimes(features, runs, shared);
        report.AppendLine(CultureInfo.InvariantCulture, $"| {features:N0} | {(shared ? "server (default)" : "fresh csc per build")} | {without:0} | {with:0} | {(with / without) - 1:P0} |");
        Console.WriteLine($"{features} features built ({(shared ? "server" : "fresh csc")})");
    }
}

report.AppendLine();
report.AppendLine("Analyzer time is the analyzers' execution time as Roslyn's telemetry reports it (summed over analyzers, concurrent analysis on), binding included: a feature body is bound only when the syntax screen (analyzers/PipelineDsl.Analyzers/FeatureAnalysis.Screen.cs) cannot prove it clean; this project's bodies (arithmetic, conditionals, one clean helper) all pass it.");
report.AppendLine("\"Compile without\" emits the project's own code only; \"with\" runs the generator, emits the project plus the generated code, and runs the analyzers, all in-process (no MSBuild). The overhead therefore includes compiling what the generator wrote.");
Directory.CreateDirectory(Path.GetDirectoryName(resultsFile)!);
File.WriteAllText(resultsFile, report.ToString());
Console.WriteLine(report);
return 0;

static (double Without, double With) MsBuildTimes(int features, int runs, bool sharedCompilation)
{
    var folder = Path.Combine(Path.GetTempPath(), "pdsl-buildbench-" + Guid.NewGuid().ToString("N")[..8]);
    Directory.CreateDirectory(folder);
    try
    {
        foreach (var (path, source) in SyntheticProject.Create(features))
        {
            File.WriteAllText(Path.Combine(folder, path), source);
        }

        var bin = AppContext.BaseDirectory;
        var analyzers = string.Join(";", new[] { "PipelineDsl.Generators.dll", "PipelineDsl.Analyzers.dll" }.Select(f => Path.Combine(bin, f)).Where(File.Exists));
        File.WriteAllText(Path.Combine(folder, "Bench.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <WithPipelineDsl Condition="'$(WithPipelineDsl)' == ''">true</WithPipelineDsl>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="{Path.Combine(bin, "PipelineDsl.Abstractions.dll")}" />
                <Reference Include="{Path.Combine(bin, "PipelineDsl.Runtime.dll")}" />
              </ItemGroup>
              <ItemGroup Condition="'$(WithPipelineDsl)' == 'true'">
                <Analyzer Include="{analyzers}" />
              </ItemGroup>
            </Project>
            """);
        var shared = "-p:UseSharedCompilation=" + (sharedCompilation ? "true" : "false");
        Dotnet(folder, "build", "-nologo", "-v", "q", shared); // restore, start the server and warm it with both variants
        Dotnet(folder, "build", "--no-restore", "--no-incremental", "-nologo", "-v", "q", shared, "-p:WithPipelineDsl=false");
        var without = new List<double>();
        var with = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var sw = Stopwatch.StartNew();
            Dotnet(folder, "build", "--no-restore", "--no-incremental", "-nologo", "-v", "q", shared, "-p:WithPipelineDsl=false");
            without.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            Dotnet(folder, "build", "--no-restore", "--no-incremental", "-nologo", "-v", "q", shared, "-p:WithPipelineDsl=true");
            with.Add(sw.Elapsed.TotalMilliseconds);
        }

        return (Median(without), Median(with));
    }
    finally
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

static void Dotnet(string folder, params string[] args)
{
    var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var arg in args)
    {
        info.ArgumentList.Add(arg);
    }

    using var process = Process.Start(info)!;
    var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed in {folder}:\n{output}");
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static void Emit(Compilation compilation)
{
    using var stream = new MemoryStream();
    var result = compilation.Emit(stream);
    if (!result.Success)
    {
        throw new InvalidOperationException("The benchmark project does not compile: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
    }
}

static ImmutableArray<MetadataReference> References()
{
    var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    foreach (var path in ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
    {
        paths.TryAdd(Path.GetFileNameWithoutExtension(path), path);
    }

    foreach (var name in new[] { "PipelineDsl.Abstractions", "PipelineDsl.Runtime" })
    {
        paths[name] = Path.Combine(AppContext.BaseDirectory, name + ".dll");
    }

    return paths.Values.Order(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
}
