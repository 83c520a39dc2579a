using System.Collections;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using PipelineDsl.Generators.Tests.Infrastructure;
using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Data;
using PipelineDsl.Runtime.Graph;

namespace PipelineDsl.Generators.Tests;

/// <summary>
/// The generated code compiles against the real Abstractions and Runtime, and behaves: it is emitted, loaded
/// into its own load context and run (the runtime types are shared with this test process).
/// </summary>
public sealed class GeneratedCodeTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pdsl-gen-" + Guid.NewGuid().ToString("N"));

    public GeneratedCodeTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Churn_generated_code_compiles_without_errors_or_warnings()
    {
        var (_, output, generatorDiagnostics) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(ChurnWithHarness()));

        Assert.Empty(generatorDiagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Regression_generated_code_compiles_without_errors_or_warnings()
    {
        var (_, output, generatorDiagnostics) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(TestSources.Regression));

        Assert.Empty(generatorDiagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void ReadCsv_reports_bad_cells_with_file_line_and_column_and_keeps_good_rows()
    {
        var assembly = CompileAndLoad();
        var path = WriteCsv(
            "phone_number,EventTime,InternationalPlan,TotalDayMinutes,ServiceCalls,MonthlyCharge,Region,TotalCharges,AccountId,Churn",
            "555-0001,2024-01-01,yes,120.5,3,42.5,north,10,1,yes",
            "555-0002,2024-01-02,no,abc,1,,south,11,2,no",
            "555-0003,2024-01-03T10:00:00,no,500,,30,,12,3,no");

        var result = ReadCsv(assembly, path);

        var errors = (DataErrorReport)Get(result, "Errors");
        var error = Assert.Single(errors.Errors);
        Assert.Equal(path, error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal("TotalDayMinutes", error.Column);
        Assert.Equal("type", error.Rule);
        Assert.Equal("'abc' is not a valid float", error.Message);

        var rows = (Array)Get(result, "Rows");
        Assert.Equal(2, rows.Length);
        Assert.Equal(new[] { 2, 4 }, (int[])Get(result, "LineNumbers"));
        var first = rows.GetValue(0)!;
        Assert.Equal("555-0001", Get(first, "Phone"));
        Assert.Equal(120.5f, Get(first, "TotalDayMinutes"));
        Assert.Equal(3, Get(first, "ServiceCalls"));
        Assert.Equal(42.5, Get(first, "MonthlyCharge"));
        Assert.Equal(true, Get(first, "Churn"));
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Get(first, "EventTime"));
        var second = rows.GetValue(1)!;
        Assert.Null(Get(second, "ServiceCalls"));
        Assert.Null(Get(second, "Region"));
        Assert.Equal(false, Get(second, "Churn"));

        var dataset = Instance(assembly);
        Assert.Equal(1f, dataset.GetType().GetMethod("GetLabel")!.Invoke(dataset, [first]));
        Assert.Equal(0f, dataset.GetType().GetMethod("GetLabel")!.Invoke(dataset, [second]));
    }

    [Fact]
    public void ReadCsv_reports_a_missing_header_and_a_short_record()
    {
        var assembly = CompileAndLoad();
        var missing = WriteCsv("phone_number,EventTime", "1,2024-01-01");
        var shape = WriteCsv(
            "phone_number,EventTime,InternationalPlan,TotalDayMinutes,ServiceCalls,MonthlyCharge,Region,TotalCharges,AccountId,Churn",
            "555-0001,2024-01-01,yes,120.5,3,42.5,north,10,1",
            "555-0002,2024-01-01,yes,120.5,3,42.5,north,10,1,no");

        var missingErrors = (DataErrorReport)Get(ReadCsv(assembly, missing), "Errors");
        var header = missingErrors.Errors.First();
        Assert.Equal(("InternationalPlan", "header", 1), (header.Column, header.Rule, header.Line));
        Assert.Equal("column not found; the file has: phone_number, EventTime", header.Message);
        Assert.Equal(8, missingErrors.TotalCount);

        var shapeResult = ReadCsv(assembly, shape);
        var shapeError = Assert.Single(((DataErrorReport)Get(shapeResult, "Errors")).Errors);
        Assert.Equal(("*", "shape", 2), (shapeError.Column, shapeError.Rule, shapeError.Line));
        Assert.Single((Array)Get(shapeResult, "Rows"));
    }

    [Fact]
    public void Validate_applies_range_categories_and_required_rules()
    {
        var assembly = CompileAndLoad();
        var path = WriteCsv(
            "phone_number,EventTime,InternationalPlan,TotalDayMinutes,ServiceCalls,MonthlyCharge,Region,TotalCharges,AccountId,Churn",
            "555-0001,2024-01-01,maybe,NaN,3,42.5,north,10,1,yes",
            "555-0003,2024-01-03,no,500,,30,,12,3,no");
        var result = ReadCsv(assembly, path);

        var report = (DataErrorReport)Harness(assembly, "Validate").Invoke(null, [Get(result, "Rows"), Get(result, "LineNumbers")])!;

        Assert.Equal(
            new[]
            {
                "validate.csv:2: column 'InternationalPlan': categories: 'maybe' is not one of: yes, no",
                "validate.csv:2: column 'TotalDayMinutes': range: value NaN is outside [0, 400]",
                "validate.csv:3: column 'TotalDayMinutes': range: value 500 is outside [0, 400]",
                "validate.csv:3: column 'ServiceCalls': required: a value is required",
                "validate.csv:3: column 'Region': required: a value is required",
            },
            report.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ComputeRow_and_ComputeBatch_are_bit_identical_and_column_major()
    {
        var assembly = CompileAndLoad();
        var path = WriteCsv(
            "phone_number,EventTime,InternationalPlan,TotalDayMinutes,ServiceCalls,MonthlyCharge,Region,TotalCharges,AccountId,Churn",
            "555-0001,2024-01-01,yes,120.5,3,42.1,north,10,1,yes",
            "555-0002,2024-01-02,no,0.1,,1e-3,south,11,2,no",
            "555-0003,2024-01-03,no,399.99,7,,west,12,3,no");
        var rows = (Array)Get(ReadCsv(assembly, path), "Rows");
        Assert.Equal(3, rows.Length);

        var batch = (float[])Harness(assembly, "Batch").Invoke(null, [rows])!;
        Assert.Equal(4 * rows.Length, batch.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = (float[])Harness(assembly, "Row").Invoke(null, [rows.GetValue(i)])!;
            Assert.Equal(4, row.Length);
            for (var j = 0; j < row.Length; j++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(row[j]), BitConverter.SingleToInt32Bits(batch[(j * rows.Length) + i]));
            }
        }

        var first = (float[])Harness(assembly, "Row").Invoke(null, [rows.GetValue(0)])!;
        Assert.Equal(new[] { 120.5f, 1f, 3f, (float)(42.1 / 3d) }, first);
    }

    [Fact]
    public void Definitions_and_graph_match_the_declarations()
    {
        var assembly = CompileAndLoad();

        var features = StaticProperty(assembly, "ChurnSample.ChurnFeatures", "Definition");
        Assert.Equal("ChurnFeatures", Get(features, "Name"));
        Assert.Equal("churn", Get(features, "DatasetName"));
        var featureDefinitions = ((IEnumerable)Get(features, "Features")).Cast<FeatureDefinition>().ToList();
        Assert.Equal(new[] { "DayMinutes", "intl_plan", "Calls", "ChargeRatio" }, featureDefinitions.Select(f => f.Name));
        Assert.Equal("HasIntlPlan", featureDefinitions[1].Method);
        Assert.All(featureDefinitions, f => Assert.Matches("^[0-9a-f]{64}$", f.CodeHash));
        Assert.Equal(assembly.GetType("ChurnSample.ChurnFeatures")!.GetField("FeatureSetHash")!.GetValue(null), Get(features, "Hash"));

        var model = (ModelDefinition)StaticProperty(assembly, "ChurnSample.ChurnModel", "Definition");
        Assert.Equal(("ChurnModel", "ChurnFeatures", MlTask.BinaryClassification, Trainer.LightGbm), (model.Name, model.FeatureSetName, model.Task, model.Trainer));
        Assert.Equal(
            new[] { "Leaves=31", "LearningRate=0.05", "Regularization=0.1", "UseBalancing=true", "Objective=binary" },
            model.Hyperparameters.Select(h => h.Name + "=" + h.Value));

        var pipeline = (IPipelineDefinition)StaticProperty(assembly, "ChurnSample.ChurnPipeline", "Definition");
        Assert.Equal("churn", pipeline.Name);
        Assert.Equal("churn", pipeline.DatasetName);
        Assert.Equal("data/churn.csv", pipeline.DefaultSource);
        Assert.Equal(new SplitDefinition(SplitStrategy.Stratified, 0.25, 7), pipeline.Split);
        Assert.Equal(
            new[]
            {
                new GateRule(Metric.Auc, GateComparison.AtLeast, 0.85),
                new GateRule(Metric.LogLoss, GateComparison.AtMost, 0.4),
                new GateRule(Metric.Auc, GateComparison.AtLeast, 0.01) { Kind = GateKind.NoRegression },
                new GateRule(Metric.Recall, GateComparison.AtLeast, 0.5) { Kind = GateKind.Slice, Member = "Region", MinRows = 40 },
                new GateRule(Metric.Auc, GateComparison.AtMost, 0.2) { Kind = GateKind.Fairness, Member = "InternationalPlan", Criterion = FairnessCriterion.EqualizedOdds },
                new GateRule(Metric.CalibrationError, GateComparison.AtMost, 0.05),
            },
            pipeline.Gates);
        Assert.Same(model, pipeline.Model);

        var graph = pipeline.Graph;
        Assert.Equal(
            new[] { "ingest:churn", "validate:churn", "snapshot:churn", "features:ChurnFeatures", "split:churn", "train:ChurnModel", "evaluate:ChurnModel", "gate:ChurnModel", "register:churn" },
            graph.Nodes.Select(n => n.Id));
        Assert.Equal(NodeKind.Features, graph["features:ChurnFeatures"].Kind);
        Assert.Equal("ChurnModel", graph["train:ChurnModel"].Subject);
        Assert.Equal(12, graph.Edges.Count);
        Assert.Equal(new[] { "features:ChurnFeatures", "split:churn" }, graph.DependenciesOf("train:ChurnModel").Order(StringComparer.Ordinal));
        var generatedOrder = (IReadOnlyList<string>)StaticProperty(assembly, "ChurnSample.ChurnPipeline", "TopologicalOrder");
        Assert.Equal(graph.TopologicalOrder, generatedOrder);
        var mermaid = (string)assembly.GetType("ChurnSample.ChurnPipeline")!.GetMethod("ToMermaid")!.Invoke(null, null)!;
        Assert.Contains("ingest_churn --> validate_churn", mermaid);

        var all = (IReadOnlyList<IPipelineDefinition>)StaticProperty(assembly, "PipelineDsl.Generated.GeneratedPipelines", "All");
        Assert.Same(pipeline, Assert.Single(all));

        var dataset = Instance(assembly);
        var columns = (IReadOnlyList<ColumnDefinition>)Get(dataset, "Columns");
        Assert.Equal(
            new ColumnDefinition("Phone", "phone_number", ColumnType.String, false, ColumnRole.Key, false, null, null, null),
            columns[0]);
        Assert.Equal(ColumnRole.NotAvailableAtPrediction, columns.Single(c => c.Member == "TotalCharges").Role);
        Assert.Equal(new[] { "yes", "no" }, columns.Single(c => c.Member == "InternationalPlan").Categories);
        Assert.Equal("Churn", Get(dataset, "LabelMember"));
        Assert.Equal(true, Get(dataset, "HasTimestamp"));
        Assert.Matches("^[0-9a-f]{64}$", (string)Get(dataset, "SchemaHash"));
    }

    private static (string Path, string Source)[] ChurnWithHarness() => [.. TestSources.Churn, ("Harness.cs", TestSources.ChurnHarness)];

    private static Assembly CompileAndLoad()
    {
        var (_, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(ChurnWithHarness()));
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;

        // Its own (collectible) context; PipelineDsl.Runtime and Abstractions resolve from the default context,
        // so the runtime types seen here are the ones this test references.
        var context = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return context.LoadFromStream(stream);
    }

    private string WriteCsv(params string[] lines)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static object Instance(Assembly assembly) => StaticProperty(assembly, "ChurnSample.CustomerDataset", "Instance");

    private static object ReadCsv(Assembly assembly, string path)
    {
        var dataset = Instance(assembly);
        return dataset.GetType().GetMethod("ReadCsv")!.Invoke(dataset, [path, 20])!;
    }

    private static MethodInfo Harness(Assembly assembly, string method) => assembly.GetType("ChurnSample.Harness")!.GetMethod(method)!;

    private static object StaticProperty(Assembly assembly, string type, string property) =>
        assembly.GetType(type, throwOnError: true)!.GetProperty(property, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static object Get(object instance, string property) => instance.GetType().GetProperty(property)!.GetValue(instance)!;
}
