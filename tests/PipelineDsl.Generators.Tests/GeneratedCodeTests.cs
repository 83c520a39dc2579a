using System.Collections;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
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

    [Fact]
    public void Deployments_are_attached_to_the_pipeline_that_trains_their_model()
    {
        var (_, output, generatorDiagnostics) = GeneratorTestHelper.Run(GeneratorTestHelper.Silence(GeneratorTestHelper.CreateCompilation(TestSources.ChurnDeployed), "PDSL223"));
        Assert.Empty(generatorDiagnostics);
        var assembly = Load(output);

        var deployments = (IReadOnlyList<DeploymentDefinition>)Get(StaticProperty(assembly, "ChurnSample.ChurnPipeline", "Definition"), "Deployments");
        var plain = (IReadOnlyList<DeploymentDefinition>)Get(StaticProperty(CompileAndLoad(), "ChurnSample.ChurnPipeline", "Definition"), "Deployments");

        Assert.Empty(plain);
        Assert.Equal(2, deployments.Count);
        var canary = deployments[0];
        Assert.Equal(
            ("churn-live", RolloutStrategy.Canary, TimeSpan.FromMinutes(2), 200, 0.02, 35.5, 0.1, 50, (string?)null),
            (canary.Name, canary.Rollout, canary.EvaluationWindow, canary.MinRequestsPerWindow, canary.MaxErrorRate, canary.MaxP99LatencyMs, canary.MaxPredictionShift, canary.ChallengerPercent, canary.AssignmentMember));
        Assert.Equal(new[] { 5, 25, 50, 100 }, canary.CanarySteps);
        var experiment = deployments[1];
        Assert.Equal(DeploymentDefinition.Default("ChurnExperiment") with { Rollout = RolloutStrategy.AbTest, ChallengerPercent = 20, AssignmentMember = "AccountId", CanarySteps = experiment.CanarySteps }, experiment);
        Assert.Equal(new[] { 10, 50, 100 }, experiment.CanarySteps);
    }

    [Fact]
    public void A_monitor_is_attached_to_the_pipeline_that_trains_its_model()
    {
        var (_, output, generatorDiagnostics) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(TestSources.ChurnMonitored));
        Assert.Empty(generatorDiagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

        var definition = StaticProperty(Load(output), "ChurnSample.ChurnPipeline", "Definition");
        var plain = StaticProperty(CompileAndLoad(), "ChurnSample.ChurnPipeline", "Definition");

        Assert.True((bool)Get(definition, "DeclaresMonitor"));
        Assert.Equal(
            new MonitorDefinition(
                0, TimeSpan.FromHours(2), 0.25, 0.001, 0.3, 0, 0.15, 0.02, 6, Metric.F1, 0.03, 300,
                MonitorAction.Log, MonitorAction.Retrain | MonitorAction.Rollback, MonitorAction.Retrain),
            Get(definition, "Monitor"));
        Assert.Equal(2, ((IReadOnlyList<DeploymentDefinition>)Get(definition, "Deployments")).Count);

        Assert.False((bool)Get(plain, "DeclaresMonitor"));
        Assert.Same(MonitorDefinition.Default, Get(plain, "Monitor"));
    }

    [Theory]
    [InlineData("500 rows", 500, 0L)]
    [InlineData("10 row", 10, 0L)]
    [InlineData("2 hours", 0, 2 * TimeSpan.TicksPerHour)]
    [InlineData("30 minutes", 0, 30 * TimeSpan.TicksPerMinute)]
    [InlineData("1 day", 0, TimeSpan.TicksPerDay)]
    [InlineData("2h", 0, 2 * TimeSpan.TicksPerHour)]
    public void A_monitor_window_is_a_row_count_or_a_duration(string window, int rows, long ticks)
    {
        var sources = TestSources.ChurnMonitored
            .Select(s => s.Path == "ChurnMonitor.cs" ? (s.Path, s.Source.Replace("Window = \"2 hours\"", $"Window = \"{window}\"", StringComparison.Ordinal)) : s)
            .ToArray();
        var (_, output, generatorDiagnostics) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(sources));
        Assert.Empty(generatorDiagnostics);

        var monitor = (MonitorDefinition)Get(StaticProperty(Load(output), "ChurnSample.ChurnPipeline", "Definition"), "Monitor");

        Assert.Equal((rows, TimeSpan.FromTicks(ticks)), (monitor.WindowRows, monitor.WindowDuration));
        Assert.Equal((0.25, Metric.F1, 300), (monitor.MaxPsi, monitor.DecayMetric, monitor.MinLabelledRows));
    }

    private const string GoodBody =
        """{"phone":"555-0001","eventTime":"2024-01-01","internationalPlan":"yes","totalDayMinutes":120.5,"serviceCalls":3,"monthlyCharge":42.5,"region":"north","accountId":1}""";

    [Fact]
    public void TryReadJson_reads_a_good_body_into_the_row_the_csv_reader_reads()
    {
        var assembly = CompileAndLoad();
        var path = WriteCsv(
            "phone_number,EventTime,InternationalPlan,TotalDayMinutes,ServiceCalls,MonthlyCharge,Region,TotalCharges,AccountId,Churn",
            "555-0001,2024-01-01,yes,120.5,3,42.5,north,0,1,no");
        var csvRow = Assert.Single(((Array)Get(ReadCsv(assembly, path), "Rows")).Cast<object>());

        var (ok, row, errors, last) = ReadJson(assembly, GoodBody);

        Assert.True(ok, string.Join("; ", errors));
        Assert.Empty(errors);
        Assert.Equal(JsonTokenType.EndObject, last);
        Assert.Equal(csvRow, row); // a record: every member equal, label and late members at their defaults
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Get(row!, "EventTime"));
        Assert.Equal(DateTimeKind.Utc, ((DateTime)Get(row!, "EventTime")).Kind);
    }

    [Theory]
    [InlineData("0.1")]
    [InlineData("244.7")]
    [InlineData("1e-7")]
    [InlineData("3.4028234e38")]
    [InlineData("123456.789")]
    [InlineData("-0.0")]
    [InlineData("16777217")]
    public void TryReadJson_parses_a_float_to_the_bits_the_csv_parser_gives(string text)
    {
        var assembly = CompileAndLoad();

        var (ok, row, errors, _) = ReadJson(assembly, GoodBody.Replace("\"totalDayMinutes\":120.5", "\"totalDayMinutes\":" + text, StringComparison.Ordinal));

        Assert.True(ok, string.Join("; ", errors));
        Assert.True(CellParser.TryParseSingle(text, out var expected));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits((float)Get(row!, "TotalDayMinutes")));
    }

    [Theory]
    [InlineData("\"totalDayMinutes\":\"120.5\"", "totalDayMinutes", "type")]
    [InlineData("\"accountId\":1.5", "accountId", "type")]
    [InlineData("\"accountId\":null", "accountId", "type")]
    [InlineData("\"phone\":5", "phone", "type")]
    [InlineData("\"eventTime\":\"01/02/2024\"", "eventTime", "type")]
    [InlineData("\"serviceCalls\":[1,2]", "serviceCalls", "type")]
    [InlineData("\"totalDayMinutes\":1e39", "totalDayMinutes", "type")]
    [InlineData("\"churn\":true", "churn", "not-accepted")]
    [InlineData("\"Churn\":{\"nested\":[1,2,3]}", "churn", "not-accepted")]
    [InlineData("\"totalCharges\":10", "totalCharges", "not-accepted")]
    [InlineData("\"colour\":\"red\"", "colour", "unknown")]
    [InlineData("\"Colour\":{\"a\":[1,{\"b\":2}]}", "Colour", "unknown")]
    public void TryReadJson_reports_one_error_naming_the_field(string field, string name, string rule)
    {
        var assembly = CompileAndLoad();
        var key = field[..(field.IndexOf(':', StringComparison.Ordinal) + 1)];
        var replaced = GoodBody.Contains(key, StringComparison.OrdinalIgnoreCase)
            ? ReplaceField(GoodBody, key, field)
            : GoodBody[..^1] + "," + field + "}";

        var (ok, row, errors, last) = ReadJson(assembly, replaced);

        Assert.False(ok);
        Assert.Null(row);
        var error = Assert.Single(errors);
        Assert.Equal((name, rule), (error.Field, error.Rule));
        Assert.Equal(JsonTokenType.EndObject, last);
        if (rule == "unknown")
        {
            Assert.Equal("not a field of the churn prediction contract", error.Message);
        }
    }

    [Fact]
    public void TryReadJson_reports_each_missing_required_field_and_allows_absent_nullable_ones()
    {
        var assembly = CompileAndLoad();

        var (ok, _, errors, _) = ReadJson(assembly, """{"phone":"555-0001","region":null}""");
        var (emptyOk, _, emptyErrors, _) = ReadJson(assembly, "{}");

        Assert.False(ok);
        Assert.Equal(
            new[] { "eventTime missing", "internationalPlan missing", "totalDayMinutes missing", "accountId missing" },
            errors.Select(e => e.Field + " " + e.Rule));
        Assert.All(errors, e => Assert.Equal("a value is required", e.Message));
        Assert.False(emptyOk);
        Assert.Equal(5, emptyErrors.Count);
    }

    [Fact]
    public void TryReadJson_reads_null_or_absent_nullable_members_as_null()
    {
        var assembly = CompileAndLoad();

        var (nullOk, nullRow, nullErrors, _) = ReadJson(assembly, GoodBody
            .Replace("\"serviceCalls\":3", "\"serviceCalls\":null", StringComparison.Ordinal)
            .Replace("\"monthlyCharge\":42.5", "\"monthlyCharge\":null", StringComparison.Ordinal)
            .Replace("\"region\":\"north\"", "\"region\":null", StringComparison.Ordinal));
        var (absentOk, absentRow, absentErrors, _) = ReadJson(
            assembly,
            """{"phone":"555-0001","eventTime":"2024-01-01T10:00:00","internationalPlan":"no","totalDayMinutes":0,"accountId":7}""");

        Assert.True(nullOk, string.Join("; ", nullErrors));
        Assert.True(absentOk, string.Join("; ", absentErrors));
        foreach (var row in new[] { nullRow!, absentRow! })
        {
            Assert.Null(Get(row, "ServiceCalls"));
            Assert.Null(Get(row, "MonthlyCharge"));
            Assert.Null(Get(row, "Region"));
        }

        Assert.Equal(7L, Get(absentRow!, "AccountId"));
    }

    [Fact]
    public void TryReadJson_matches_names_case_and_separator_insensitively_and_accepts_the_csv_header()
    {
        var assembly = CompileAndLoad();
        var (_, expected, _, _) = ReadJson(assembly, GoodBody);

        var (ok, row, errors, _) = ReadJson(
            assembly,
            """{"Phone_Number":"555-0001","EVENTTIME":"2024-01-01","InternationalPlan":"yes","totalDAYminutes":120.5,"ServiceCalls":3,"monthlycharge":42.5,"Region":"north","AccountId":1}""");
        var (headerOk, headerRow, headerErrors, _) = ReadJson(assembly, GoodBody.Replace("\"phone\"", "\"phone_number\"", StringComparison.Ordinal));
        var (escapedOk, escapedRow, escapedErrors, _) = ReadJson(assembly, GoodBody.Replace("\"phone\"", "\"\\u0050hone\"", StringComparison.Ordinal));
        var (snakeOk, snakeRow, snakeErrors, _) = ReadJson(
            assembly,
            """{"PHONE-NUMBER":"555-0001","event_time":"2024-01-01","international plan":"yes","total_day_minutes":120.5,"service.calls":3,"monthly_charge":42.5,"region":"north","account_id":1}""");

        Assert.True(ok, string.Join("; ", errors));
        Assert.True(headerOk, string.Join("; ", headerErrors));
        Assert.True(escapedOk, string.Join("; ", escapedErrors));
        Assert.Equal(expected, row);
        Assert.Equal(expected, headerRow);
        Assert.Equal(expected, escapedRow);
        Assert.True(snakeOk, string.Join("; ", snakeErrors));
        Assert.Equal(expected, snakeRow);
    }

    [Fact]
    public void TryReadJson_takes_the_last_of_a_repeated_field()
    {
        var assembly = CompileAndLoad();

        var (ok, row, errors, _) = ReadJson(assembly, GoodBody[..^1] + ",\"accountId\":2,\"ACCOUNTID\":3}");

        Assert.True(ok, string.Join("; ", errors));
        Assert.Equal(3L, Get(row!, "AccountId"));
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("[{\"phone\":\"1\"}]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void TryReadJson_refuses_a_body_that_is_not_an_object(string body)
    {
        var assembly = CompileAndLoad();

        var (ok, row, errors, _) = ReadJson(assembly, body);

        Assert.False(ok);
        Assert.Null(row);
        var error = Assert.Single(errors);
        Assert.Equal(("$", "type"), (error.Field, error.Rule));
    }

    [Fact]
    public void TryReadJson_compiles_for_required_members_a_request_does_not_carry_and_clashing_names()
    {
        var source = """
            using PipelineDsl;

            namespace T;

            [Dataset("d")]
            public sealed partial record Row
            {
                [Column("total_x")] public required float X { get; init; }
                public float? TotalX { get; init; }
                public string? x_name { get; init; }
                [NotAvailableAtPrediction] public required string Late { get; init; }
                [Label] public required bool Y { get; init; }
            }
            """;

        var (driver, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(source));

        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var text = driver.GetRunResult().Results[0].GeneratedSources.Single(s => s.HintName == "T.Row.Dataset.g.cs").SourceText.ToString();
        Assert.Contains("Late = default!,", text, StringComparison.Ordinal);
        Assert.Contains("Y = default!,", text, StringComparison.Ordinal);
        Assert.Single(text.Split("case \"totalx\":").Skip(1)); // X's header and TotalX's name clash: TotalX keeps its own
    }

    [Fact]
    public void TryReadJson_throws_nothing_but_JsonException_on_ten_thousand_malformed_bodies()
    {
        var assembly = CompileAndLoad();
        var random = new Random(20240601);
        var read = 0;
        var refused = 0;
        var malformed = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var body = MalformedBody(random, i);
            try
            {
                var (ok, row, errors, _) = ReadJson(assembly, body);
                Assert.True(ok == (errors.Count == 0), $"body {i}: ok is {ok} with {errors.Count} errors");
                Assert.True(ok == (row is not null), $"body {i}: ok is {ok} but the row is {(row is null ? "null" : "set")}");
                _ = ok ? read++ : refused++;
            }
            catch (JsonException)
            {
                malformed++; // malformed JSON: the caller's to catch
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"body {i} ({Convert.ToBase64String(body)}: {Encoding.UTF8.GetString(body)}) threw {e}");
            }
        }

        // The mix exercises all three outcomes.
        Assert.True(read > 50 && refused > 1000 && malformed > 1000, $"read {read}, refused {refused}, malformed {malformed}");
    }

    private static string ReplaceField(string body, string key, string field)
    {
        var start = body.IndexOf(key, StringComparison.OrdinalIgnoreCase);
        var end = body.IndexOf(",\"", start, StringComparison.Ordinal);
        return body[..start] + field + (end < 0 ? "}" : body[end..]);
    }

    /// <summary>One body of the fuzz mix: mutated good bodies, truncations, huge numbers, deep nesting and random bytes.</summary>
    private static byte[] MalformedBody(Random random, int i)
    {
        string[] names =
        [
            "phone", "PHONE", "phone_number", "eventTime", "internationalPlan", "totalDayMinutes", "serviceCalls", "monthlyCharge",
            "region", "accountId", "churn", "totalCharges", "x", "", "\\u0070hone", "\\ud800", new string('n', 129), "é",
        ];
        string[] values =
        [
            "\"555\"", "\"\"", "\"2024-01-01\"", "\"yes\"", "0", "-1", "1.5", "1e-7", "1e39", "-1e400", "1e999999999", "123456789012345678901234567890",
            new string('9', 70), "0.1", "true", "false", "null", "{}", "[]", "[1,[2,[3]]]", "{\"a\":{\"b\":null}}", "\"\\u00e9\\n\"", "\"\\ud800\"",
            "79228162514264337593543950336", "2147483648", "-9223372036854775809",
        ];
        switch (i % 6)
        {
            case 0: // a good body with one field's value replaced
            {
                var text = GoodBody;
                var name = names[random.Next(10)];
                var start = text.IndexOf("\"" + name + "\":", StringComparison.Ordinal);
                if (start >= 0)
                {
                    var valueStart = start + name.Length + 3;
                    var end = text.IndexOfAny([',', '}'], valueStart);
                    text = text[..valueStart] + values[random.Next(values.Length)] + text[end..];
                }

                return Encoding.UTF8.GetBytes(text);
            }

            case 1: // random fields and values
            {
                var sb = new StringBuilder("{");
                var count = random.Next(0, 14);
                for (var f = 0; f < count; f++)
                {
                    sb.Append(f == 0 ? "" : ",").Append('"').Append(names[random.Next(names.Length)]).Append("\":").Append(values[random.Next(values.Length)]);
                }

                return Encoding.UTF8.GetBytes(sb.Append('}').ToString());
            }

            case 2: // a truncation
            {
                var text = Encoding.UTF8.GetBytes(GoodBody);
                return text[..random.Next(0, text.Length)];
            }

            case 3: // deep nesting, in a field or as the body
            {
                var depth = random.Next(1, 200);
                var open = random.Next(2) == 0 ? "[" : "{\"a\":";
                var close = open == "[" ? "]" : "}";
                var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
                return Encoding.UTF8.GetBytes(random.Next(2) == 0 ? nested : GoodBody[..^1] + ",\"region\":" + nested + "}");
            }

            case 4: // random bytes
            {
                var bytes = new byte[random.Next(0, 64)];
                random.NextBytes(bytes);
                if (bytes.Length > 0 && random.Next(2) == 0)
                {
                    bytes[0] = (byte)'{';
                }

                return bytes;
            }

            default: // a good body with random bytes flipped
            {
                var bytes = Encoding.UTF8.GetBytes(GoodBody);
                var flips = random.Next(1, 4);
                for (var f = 0; f < flips; f++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            }
        }
    }

    private static (bool Ok, object? Row, List<FieldError> Errors, JsonTokenType Last) ReadJson(Assembly assembly, string json) =>
        ReadJson(assembly, Encoding.UTF8.GetBytes(json));

    private static (bool Ok, object? Row, List<FieldError> Errors, JsonTokenType Last) ReadJson(Assembly assembly, byte[] body)
    {
        var errors = new List<FieldError>();
        var arguments = new object?[] { body, errors, null, null };
        var ok = (bool)Harness(assembly, "ReadJson").Invoke(null, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;
        return (ok, arguments[2], errors, (JsonTokenType)arguments[3]!);
    }

    private static (string Path, string Source)[] ChurnWithHarness() => [.. TestSources.Churn, ("Harness.cs", TestSources.ChurnHarness)];

    private static Assembly CompileAndLoad()
    {
        var (_, output, _) = GeneratorTestHelper.Run(GeneratorTestHelper.CreateCompilation(ChurnWithHarness()));
        return Load(output);
    }

    private static Assembly Load(Compilation output)
    {
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
