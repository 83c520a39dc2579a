using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PipelineDsl.GeneratorBenchmarks;

/// <summary>The PipelineDsl analyzers built next to this program (PipelineDsl.Analyzers.dll), if any.</summary>
internal static class AnalyzerCatalog
{
    public static ImmutableArray<DiagnosticAnalyzer> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "PipelineDsl.Analyzers.dll");
        if (!File.Exists(path))
        {
            return [];
        }

        return Assembly.LoadFrom(path).GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
    }
}
