using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PipelineDsl.Generators.Diagnostics;
using PipelineDsl.Generators.Helpers;
using PipelineDsl.Generators.Model;
using Steps = PipelineDsl.Generators.PipelineGeneratorStepNames;

namespace PipelineDsl.Generators;

/// <summary>
/// The PipelineDsl source generator: from <c>[Dataset]</c>, <c>[FeatureSet]</c>, <c>[Model]</c>, <c>[Gate]</c> and
/// <c>[Pipeline]</c> declarations (and the <c>[Deployment]</c>s and <c>[Monitor]</c>s attached to pipelines) it emits typed CSV readers, the one feature path, model and gate definitions,
/// each pipeline's DAG and definition, and a registry of all pipelines. This file only wires the pipeline;
/// see <c>.Parser.cs</c> (symbols to specs), <c>.Joiner.cs</c> (specs to joined specs) and <c>.Emitter.cs</c>
/// (specs to text).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class PipelineGenerator : IIncrementalGenerator
{
    internal const string DatasetAttribute = "PipelineDsl.DatasetAttribute";
    internal const string FeatureSetAttribute = "PipelineDsl.FeatureSetAttribute";
    internal const string ModelAttribute = "PipelineDsl.ModelAttribute";
    internal const string GateAttribute = "PipelineDsl.GateAttribute";
    internal const string PipelineAttribute = "PipelineDsl.PipelineAttribute";
    internal const string DeploymentAttribute = "PipelineDsl.DeploymentAttribute";
    internal const string MonitorAttribute = "PipelineDsl.MonitorAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Each declaration kind: one ForAttributeWithMetadataName whose transform returns the spec plus the
        // diagnostics with real locations. As in the System.Text.Json generator, the two are split at once:
        //   pipeline 1 (source): the spec-only projection, value-equatable, so emission re-runs only when a spec
        //                        really changes;
        //   pipeline 2 (diagnostics): the raw diagnostics, reported by their own RegisterSourceOutput; they keep
        //                        SourceLocations, so #pragma warning disable works (dotnet/runtime#92509).
        // Invalid declarations yield a null spec and are skipped for emission; nothing throws into the compiler.
        var datasets = context.SyntaxProvider
            .ForAttributeWithMetadataName(DatasetAttribute, static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, static (ctx, ct) => Parser.ParseDataset(ctx, ct))
            .WithTrackingName(Steps.Datasets);
        var featureSets = context.SyntaxProvider
            .ForAttributeWithMetadataName(FeatureSetAttribute, static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, static (ctx, ct) => Parser.ParseFeatureSet(ctx, ct))
            .WithTrackingName(Steps.FeatureSets);
        var models = context.SyntaxProvider
            .ForAttributeWithMetadataName(ModelAttribute, static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, static (ctx, ct) => Parser.ParseModel(ctx, ct))
            .WithTrackingName(Steps.Models);
        var gates = context.SyntaxProvider
            .ForAttributeWithMetadataName(GateAttribute, static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, static (ctx, ct) => Parser.ParseGate(ctx, ct))
            .WithTrackingName(Steps.Gates);
        var pipelines = context.SyntaxProvider
            .ForAttributeWithMetadataName(PipelineAttribute, static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, static (ctx, ct) => Parser.ParsePipeline(ctx, ct))
            .WithTrackingName(Steps.Pipelines);
        var deployments = context.SyntaxProvider
            .ForAttributeWithMetadataName(DeploymentAttribute, static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, static (ctx, ct) => Parser.ParseDeployment(ctx, ct))
            .WithTrackingName(Steps.Deployments);
        var monitors = context.SyntaxProvider
            .ForAttributeWithMetadataName(MonitorAttribute, static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, static (ctx, ct) => Parser.ParseMonitor(ctx, ct))
            .WithTrackingName(Steps.Monitors);

        // Pipeline 2: diagnostics straight from the transforms.
        context.RegisterSourceOutput(datasets.Select(static (r, _) => r.Diagnostics), static (spc, d) => Report(spc, d));
        context.RegisterSourceOutput(featureSets.Select(static (r, _) => r.Diagnostics), static (spc, d) => Report(spc, d));
        context.RegisterSourceOutput(models.Select(static (r, _) => r.Diagnostics), static (spc, d) => Report(spc, d));
        context.RegisterSourceOutput(gates.Select(static (r, _) => r.Diagnostics), static (spc, d) => Report(spc, d));
        context.RegisterSourceOutput(pipelines.Select(static (r, _) => r.Diagnostics), static (spc, d) => Report(spc, d));
        context.RegisterSourceOutput(deployments.Select(static (r, _) => r.Diagnostics), static (spc, d) => Report(spc, d));
        context.RegisterSourceOutput(monitors.Select(static (r, _) => r.Diagnostics), static (spc, d) => Report(spc, d));

        // Pipeline 1: equatable specs of valid declarations.
        var datasetSpecs = datasets.Where(static r => r.Spec is not null).Select(static (r, _) => r.Spec!).WithTrackingName(Steps.DatasetSpecs);
        var featureSetSpecs = featureSets.Where(static r => r.Spec is not null).Select(static (r, _) => r.Spec!).WithTrackingName(Steps.FeatureSetSpecs);
        var modelSpecs = models.Where(static r => r.Spec is not null).Select(static (r, _) => r.Spec!).WithTrackingName(Steps.ModelSpecs);
        var gateSpecs = gates.Where(static r => r.Spec is not null).Select(static (r, _) => r.Spec!).WithTrackingName(Steps.GateSpecs);
        var pipelineSpecs = pipelines.Where(static r => r.Spec is not null).Select(static (r, _) => r.Spec!).WithTrackingName(Steps.PipelineSpecs);
        var deploymentSpecs = deployments.Where(static r => r.Spec is not null).Select(static (r, _) => r.Spec!).WithTrackingName(Steps.DeploymentSpecs);
        var monitorSpecs = monitors.Where(static r => r.Spec is not null).Select(static (r, _) => r.Spec!).WithTrackingName(Steps.MonitorSpecs);

        // Declarations that stand alone are emitted from their own spec.
        context.RegisterSourceOutput(datasetSpecs, static (spc, s) => spc.AddSource(Emitter.HintName(s.Namespace, s.TypeName, "Dataset"), Emitter.EmitDataset(s)));
        context.RegisterSourceOutput(modelSpecs, static (spc, s) => spc.AddSource(Emitter.HintName(s.Namespace, s.TypeName, "Model"), Emitter.EmitModel(s)));
        context.RegisterSourceOutput(gateSpecs, static (spc, s) => spc.AddSource(Emitter.HintName(s.Namespace, s.TypeName, "Gate"), Emitter.EmitGate(s)));

        // Joins happen only after Collect, over specs, sorted so that the collections compare by value.
        var datasetCollection = datasetSpecs.Collect()
            .Select(static (items, _) => items.OrderBy(static d => d.RowTypeFullName, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.DatasetCollection);
        var featureSetCollection = featureSetSpecs.Collect()
            .Select(static (items, _) => items.OrderBy(static f => f.FullName, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.FeatureSetCollection);
        var modelCollection = modelSpecs.Collect()
            .Select(static (items, _) => items.OrderBy(static m => m.FullName, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.ModelCollection);
        var gateCollection = gateSpecs.Collect()
            .Select(static (items, _) => items.OrderBy(static g => g.FullName, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.GateCollection);
        var deploymentCollection = deploymentSpecs.Collect()
            .Select(static (items, _) => items.OrderBy(static d => d.FullName, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.DeploymentCollection);
        var monitorCollection = monitorSpecs.Collect()
            .Select(static (items, _) => items.OrderBy(static m => m.FullName, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.MonitorCollection);

        // A feature set needs its dataset's name and is emitted only when that dataset is valid.
        var featureSetOutputs = featureSetSpecs
            .Combine(datasetCollection)
            .Select(static (pair, _) => Joiner.JoinFeatureSet(pair.Left, pair.Right))
            .Where(static o => o is not null)
            .Select(static (o, _) => o!)
            .WithTrackingName(Steps.FeatureSetOutputs);
        context.RegisterSourceOutput(featureSetOutputs, static (spc, o) =>
            spc.AddSource(Emitter.HintName(o.FeatureSet.Namespace, o.FeatureSet.TypeName, "FeatureSet"), Emitter.EmitFeatureSet(o)));

        // PDSL212/213 need a point-in-time feature set and its datasets: checked after the join too.
        var featureSetChecks = featureSets
            .Where(static r => r.FeatureSetCheck is not null)
            .Select(static (r, _) => r.FeatureSetCheck!)
            .Collect()
            .WithTrackingName(Steps.FeatureSetChecks);
        var temporalDiagnostics = featureSetChecks
            .Combine(featureSetCollection)
            .Combine(datasetCollection)
            .Select(static (x, _) => Joiner.CheckFeatureSets(x.Left.Left, x.Left.Right, x.Right))
            .WithTrackingName(Steps.TemporalDiagnostics);
        context.RegisterSourceOutput(temporalDiagnostics, static (spc, infos) => Report(spc, infos));

        // PDSL207 needs a model and its dataset: checked after the join (see Joiner.CheckLabels).
        var modelChecks = models
            .Where(static r => r.Check is not null)
            .Select(static (r, _) => r.Check!)
            .Collect()
            .WithTrackingName(Steps.ModelChecks);
        var labelDiagnostics = modelChecks
            .Combine(featureSetCollection)
            .Combine(datasetCollection)
            .Select(static (x, _) => Joiner.CheckLabels(x.Left.Left, x.Left.Right, x.Right))
            .WithTrackingName(Steps.LabelTaskDiagnostics);
        context.RegisterSourceOutput(labelDiagnostics, static (spc, infos) => Report(spc, infos));

        // PDSL214 (a time evaluation over a dataset without timestamp) needs the pipeline's dataset: after the join.
        var pipelineChecks = pipelines
            .Where(static r => r.PipelineCheck is not null)
            .Select(static (r, _) => r.PipelineCheck!)
            .Collect()
            .WithTrackingName(Steps.PipelineChecks);
        var pipelineDiagnostics = pipelineChecks
            .Combine(modelCollection)
            .Combine(featureSetCollection)
            .Combine(datasetCollection)
            .Select(static (x, _) => Joiner.CheckPipelines(x.Left.Left.Left, x.Left.Left.Right, x.Left.Right, x.Right))
            .WithTrackingName(Steps.PipelineDiagnostics);
        context.RegisterSourceOutput(pipelineDiagnostics, static (spc, infos) => Report(spc, infos));

        // PDSL218-220 and PDSL223 (a deployment's model has no pipeline, no gate or no monitor, its assignment member is
        // not in the dataset, two deployments of a model share a name) need the other declarations: after the join.
        var pipelineModels = pipelineSpecs
            .Select(static (p, _) => p.ModelFullName)
            .Collect()
            .Select(static (names, _) => names.Distinct(StringComparer.Ordinal).OrderBy(static n => n, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.PipelineCollection);
        var deploymentChecks = deployments
            .Where(static r => r.DeploymentCheck is not null)
            .Select(static (r, _) => r.DeploymentCheck!)
            .Collect()
            .WithTrackingName(Steps.DeploymentChecks);
        var monitoredModels = monitorCollection
            .Select(static (items, _) => items.Select(static m => m.ModelFullName).Distinct(StringComparer.Ordinal).OrderBy(static n => n, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.MonitoredModels);
        var deploymentDiagnostics = deploymentChecks
            .Combine(pipelineModels)
            .Combine(modelCollection)
            .Combine(featureSetCollection)
            .Combine(datasetCollection)
            .Combine(gateCollection)
            .Combine(monitoredModels)
            .Select(static (x, _) => Joiner.CheckDeployments(x.Left.Left.Left.Left.Left.Left, x.Left.Left.Left.Left.Left.Right, x.Left.Left.Left.Left.Right, x.Left.Left.Left.Right, x.Left.Left.Right, x.Left.Right, x.Right))
            .WithTrackingName(Steps.DeploymentDiagnostics);
        context.RegisterSourceOutput(deploymentDiagnostics, static (spc, infos) => Report(spc, infos));

        // PDSL221 (no pipeline trains the monitored model, or a second monitor names it) and PDSL222 on the decay metric
        // (the model's task must produce it) need the other declarations: after the join.
        var monitorChecks = monitors
            .Where(static r => r.MonitorCheck is not null)
            .Select(static (r, _) => r.MonitorCheck!)
            .Collect()
            .WithTrackingName(Steps.MonitorChecks);
        var monitorDiagnostics = monitorChecks
            .Combine(pipelineModels)
            .Combine(modelCollection)
            .Select(static (x, _) => Joiner.CheckMonitors(x.Left.Left, x.Left.Right, x.Right))
            .WithTrackingName(Steps.MonitorDiagnostics);
        context.RegisterSourceOutput(monitorDiagnostics, static (spc, infos) => Report(spc, infos));

        // Pipelines: joined with everything they reference; emitted only when all of it is valid.
        var pipelineOutputs = pipelineSpecs
            .Combine(modelCollection)
            .Combine(featureSetCollection)
            .Combine(datasetCollection)
            .Combine(gateCollection)
            .Combine(deploymentCollection)
            .Combine(monitorCollection)
            .Select(static (x, _) => Joiner.JoinPipeline(x.Left.Left.Left.Left.Left.Left, x.Left.Left.Left.Left.Left.Right, x.Left.Left.Left.Left.Right, x.Left.Left.Left.Right, x.Left.Left.Right, x.Left.Right, x.Right))
            .Where(static o => o is not null)
            .Select(static (o, _) => o!)
            .WithTrackingName(Steps.PipelineOutputs);
        context.RegisterSourceOutput(pipelineOutputs, static (spc, o) =>
            spc.AddSource(Emitter.HintName(o.Pipeline.Namespace, o.Pipeline.TypeName, "Pipeline"), Emitter.EmitPipeline(o)));

        var registry = pipelineOutputs
            .Select(static (o, _) => o.Pipeline.FullName)
            .Collect()
            .Select(static (names, _) => names.OrderBy(static n => n, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.PipelineRegistry);
        context.RegisterSourceOutput(registry, static (spc, names) =>
        {
            if (names.Count > 0)
            {
                spc.AddSource("PipelineDsl.Generated.GeneratedPipelines.g.cs", Emitter.EmitRegistry(names));
            }
        });
    }

    private static void Report(SourceProductionContext context, ImmutableArray<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic);
        }
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var info in diagnostics)
        {
            if (DiagnosticDescriptors.ById(info.Id) is { } descriptor)
            {
                context.ReportDiagnostic(Diagnostic.Create(descriptor, info.Location?.ToLocation(), info.Arguments.Cast<object>().ToArray()));
            }
        }
    }
}
