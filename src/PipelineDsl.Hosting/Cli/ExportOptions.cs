using System.CommandLine;
using PipelineDsl.Hosting.Export;
using PipelineDsl.Runtime;

namespace PipelineDsl.Hosting;

/// <summary>Options and output shared by the manifest verbs (<c>export argo</c>, <c>export k8s</c>).</summary>
internal static class ExportOptions
{
    /// <summary><c>--output FILE</c>; the manifest goes to standard output without it.</summary>
    public static Option<string?> Output() => new("--output", "-o")
    {
        Description = "File to write (default: standard output).",
    };

    /// <summary><c>--namespace NS</c>.</summary>
    public static Option<string?> Namespace() => new("--namespace", "-n")
    {
        Description = "Namespace written into the manifests (default: none, so kubectl/argo -n decides).",
    };

    /// <summary>The namespace, checked to be a DNS-1123 label.</summary>
    public static string? CheckNamespace(string? ns) =>
        ns is null || ArgoNames.IsDns1123Label(ns)
            ? ns
            : throw new CliUsageException($"--namespace '{ns}' is not a valid Kubernetes namespace (lower-case letters, digits and '-')");

    /// <summary>Writes <paramref name="text"/> to <paramref name="file"/>, or to the output writer when null.</summary>
    public static void Write(CliContext context, string? file, string text)
    {
        if (file is null)
        {
            context.Out.Write(text);
            return;
        }

        var path = Path.GetFullPath(file);
        if (Path.GetDirectoryName(path) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, text);
        context.Out.WriteLine($"wrote {path}");
    }

    /// <summary>The name of the assembly that declares <paramref name="pipeline"/> (the one its row type lives in).</summary>
    public static string PipelineAssembly(IPipelineDefinition pipeline) => pipeline.Accept(new AssemblyName());

    private sealed class AssemblyName : IPipelineDefinitionVisitor<string>
    {
        public string Visit<TRow>(PipelineDefinition<TRow> pipeline) =>
            typeof(TRow).Assembly.GetName().Name ?? throw new CliUsageException("cannot tell the pipeline's assembly; pass --image");
    }
}
