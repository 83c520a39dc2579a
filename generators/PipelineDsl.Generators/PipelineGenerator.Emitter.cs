using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using PipelineDsl.Generators.Helpers;
using PipelineDsl.Generators.Model;

namespace PipelineDsl.Generators;

public sealed partial class PipelineGenerator
{
    /// <summary>
    /// Specs to C# text. Pure functions of the (equatable) specs: no symbols, no compilation. Numbers are
    /// formatted with the invariant culture, names are always <c>global::</c>-qualified, collections are emitted
    /// in the order the specs hold them (declaration order for members, ordinal order for types).
    /// </summary>
    internal static partial class Emitter
    {
        /// <summary>The version written into <c>[GeneratedCode]</c>.</summary>
        public const string GeneratorVersion = "0.1.0";

        private const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"PipelineDsl\", \"" + GeneratorVersion + "\")]";
        private const string Runtime = "global::PipelineDsl.Runtime";
        private const string Data = "global::PipelineDsl.Runtime.Data";
        private const string GraphNs = "global::PipelineDsl.Runtime.Graph";
        private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

        public static string HintName(string ns, string type, string kind) =>
            (ns.Length == 0 ? "" : ns + ".") + type + "." + kind + ".g.cs";

        // ---------------------------------------------------------------- datasets

        public static string EmitDataset(DatasetSpec spec)
        {
            var w = Begin(spec.Namespace);
            var row = spec.RowTypeFullName;
            var columns = spec.Columns;
            w.Line($"/// <summary>The generated definition of dataset {Xml(Lit(spec.DatasetName))} over <see cref=\"{Cref(row)}\"/>: columns, typed CSV reader, validation.</summary>");
            w.Line(GeneratedCode);
            w.Open($"{(spec.IsPublic ? "public" : "internal")} sealed class {spec.DatasetClassName} : {Runtime}.DatasetDefinition<{row}>");
            w.Line("/// <summary>SHA-256 of the normalized schema (members, types, nullability, headers, roles, rules).</summary>");
            w.Line($"public const string DatasetSchemaHash = {Lit(spec.SchemaHash)};");
            w.Line();
            w.Open($"private static readonly {Runtime}.ColumnDefinition[] s_columns = new {Runtime}.ColumnDefinition[]");
            foreach (var c in columns)
            {
                var categories = c.Categories.Count == 0
                    ? "null"
                    : "new string[] { " + string.Join(", ", c.Categories.Select(Lit)) + " }";
                w.Line($"new {Runtime}.ColumnDefinition({Lit(c.Member)}, {Lit(c.Header)}, {Runtime}.ColumnType.{c.Kind}, {Bool(c.IsNullable)}, {Roles(c)}, {Bool(c.IsRequired)}, "
                    + $"{(c.HasRange ? Double(c.Minimum) : "null")}, {(c.HasRange ? Double(c.Maximum) : "null")}, {categories}),");
            }

            w.Close(";");
            w.Line();
            w.Line($"private {spec.DatasetClassName}()");
            w.Line("{");
            w.Line("}");
            w.Line();
            w.Line("/// <summary>The single instance.</summary>");
            w.Line($"public static {spec.DatasetClassName} Instance {{ get; }} = new {spec.DatasetClassName}();");
            w.Line();
            w.Line($"public override string Name => {Lit(spec.DatasetName)};");
            w.Line();
            w.Line($"public override string? DefaultSource => {(spec.Source is null ? "null" : Lit(spec.Source))};");
            w.Line();
            w.Line($"public override char Delimiter => {SymbolDisplay.FormatLiteral(spec.Delimiter, true)};");
            w.Line();
            w.Line($"public override global::System.Collections.Generic.IReadOnlyList<{Runtime}.ColumnDefinition> Columns => s_columns;");
            w.Line();
            w.Line("public override string SchemaHash => DatasetSchemaHash;");
            w.Line();
            w.Line($"public override bool HasTimestamp => {Bool(spec.TimestampMember is not null)};");
            w.Line();
            w.Line($"public override string LabelMember => {Lit(spec.LabelMember)};");
            w.Line();
            EmitReadCsv(w, spec);
            w.Line();
            EmitValidate(w, spec);
            w.Line();
            EmitTryReadJson(w, spec);
            w.Line();
            w.Line($"public override float GetLabel({row} row) => {LabelExpression(spec)};");
            w.Line();
            w.Line($"public override global::System.DateTime GetTimestamp({row} row) => {(spec.TimestampMember is null ? "default" : "row." + spec.TimestampMember)};");
            w.Close();
            return End(w, spec.Namespace);
        }

        private static void EmitReadCsv(SourceWriter w, DatasetSpec spec)
        {
            var row = spec.RowTypeFullName;
            var columns = spec.Columns;
            w.Open($"public override {Runtime}.DatasetLoadResult<{row}> ReadCsv(string path, int maxReportedErrors = {Data}.DataErrorCollector.DefaultMaxReported)");
            w.Line($"var errors = new {Data}.DataErrorCollector(path, maxReportedErrors);");
            w.Line($"using var csv = new {Data}.CsvRecordReader(path, Delimiter);");
            for (var i = 0; i < columns.Count; i++)
            {
                w.Line($"var c{i} = csv.FindColumn({Lit(columns[i].Header)});");
            }

            if (columns.Count > 0)
            {
                w.Open("if (" + string.Join(" || ", Enumerable.Range(0, columns.Count).Select(i => $"c{i} < 0")) + ")");
                w.Line("var available = \"column not found; the file has: \" + string.Join(\", \", csv.Header);");
                for (var i = 0; i < columns.Count; i++)
                {
                    w.Open($"if (c{i} < 0)");
                    w.Line($"errors.Add(1, {Lit(columns[i].Header)}, \"header\", available);");
                    w.Close();
                }

                w.Line($"return new {Runtime}.DatasetLoadResult<{row}>(path, global::System.Array.Empty<{row}>(), global::System.Array.Empty<int>(), errors.ToReport());");
                w.Close();
                w.Line();
            }

            w.Line($"var rows = new global::System.Collections.Generic.List<{row}>();");
            w.Line("var lines = new global::System.Collections.Generic.List<int>();");
            w.Line("var width = csv.Header.Count;");
            w.Open("while (csv.ReadRecord())");
            w.Line("var line = csv.LineNumber;");
            w.Open("if (csv.FieldCount != width)");
            w.Line($"errors.Add(line, \"*\", \"shape\", \"expected \" + width.ToString({Invariant}) + \" fields, found \" + csv.FieldCount.ToString({Invariant}));");
            w.Line("continue;");
            w.Close();
            w.Line();
            w.Line("var ok = true;");
            for (var i = 0; i < columns.Count; i++)
            {
                EmitCellParse(w, columns[i], i);
            }

            w.Open("if (!ok)");
            w.Line("continue;");
            w.Close();
            w.Line();
            w.Open($"rows.Add(new {row}");
            for (var i = 0; i < columns.Count; i++)
            {
                w.Line($"{columns[i].Member} = v{i},");
            }

            w.Close(");");
            w.Line("lines.Add(line);");
            w.Close();
            w.Line();
            w.Line($"return new {Runtime}.DatasetLoadResult<{row}>(path, rows.ToArray(), lines.ToArray(), errors.ToReport());");
            w.Close();
        }

        private static void EmitCellParse(SourceWriter w, ColumnSpec c, int i)
        {
            var cell = $"s{i}";
            w.Line($"// {c.Member}: {TypeName(c)} <- column {OneLine(c.Header)}");
            w.Line($"var {cell} = csv[c{i}];");
            if (c.Kind == ValueKind.String)
            {
                w.Line(c.IsNullable
                    ? $"string? v{i} = {Data}.CellParser.IsMissing({cell}) ? null : {cell}.ToString();"
                    : $"var v{i} = {cell}.ToString();");
                return;
            }

            var keyword = c.Kind.ToKeyword();
            var badType = $"errors.Add(line, csv.Header[c{i}], \"type\", {Data}.CellParser.Excerpt({cell}) + {Lit(" is not a valid " + Describe(c.Kind))});";
            if (c.IsNullable)
            {
                w.Line($"{keyword}? v{i} = null;");
                w.Open($"if (!{Data}.CellParser.IsMissing({cell}))");
                w.Open($"if ({Data}.CellParser.{ParseMethod(c.Kind)}({cell}, out var p{i}))");
                w.Line($"v{i} = p{i};");
                w.Close();
                w.Open("else");
                w.Line("ok = false;");
                w.Line(badType);
                w.Close();
                w.Close();
                return;
            }

            w.Line($"{keyword} v{i} = default;");
            w.Open($"if ({Data}.CellParser.IsMissing({cell}))");
            w.Line("ok = false;");
            w.Line($"errors.Add(line, csv.Header[c{i}], \"missing\", \"a value is required\");");
            w.Close();
            w.Open($"else if (!{Data}.CellParser.{ParseMethod(c.Kind)}({cell}, out v{i}))");
            w.Line("ok = false;");
            w.Line(badType);
            w.Close();
        }

        private static void EmitValidate(SourceWriter w, DatasetSpec spec)
        {
            w.Open($"public override void Validate(global::System.ReadOnlySpan<{spec.RowTypeFullName}> rows, global::System.ReadOnlySpan<int> lineNumbers, {Data}.DataErrorCollector errors)");
            var ruled = spec.Columns.Where(c => c.HasRange || c.Categories.Count > 0 || (c.IsRequired && (c.IsNullable || c.Kind == ValueKind.String))).ToList();
            if (ruled.Count == 0)
            {
                w.Line("// No member carries a [Range], [Categories] or [Required] rule.");
                w.Close();
                return;
            }

            w.Open("for (var i = 0; i < rows.Length; i++)");
            w.Line("var row = rows[i];");
            w.Line("var line = i < lineNumbers.Length ? lineNumbers[i] : 0;");
            var n = 0;
            foreach (var c in ruled)
            {
                var header = Lit(c.Header);
                if (c.IsRequired && c.Kind == ValueKind.String)
                {
                    w.Open($"if (string.IsNullOrWhiteSpace(row.{c.Member}) || {Data}.CellParser.IsMissing(row.{c.Member}))");
                    w.Line($"errors.Add(line, {header}, \"required\", \"a value is required\");");
                    w.Close();
                }
                else if (c.IsRequired && c.IsNullable)
                {
                    w.Open($"if (row.{c.Member} is null)");
                    w.Line($"errors.Add(line, {header}, \"required\", \"a value is required\");");
                    w.Close();
                }

                if (c.HasRange)
                {
                    var v = $"r{n++}";
                    var test = c.IsNullable ? $"row.{c.Member} is {{ }} {v}" : $"row.{c.Member} is var {v}";
                    var format = c.Kind is ValueKind.Single or ValueKind.Double ? $"{v}.ToString(\"R\", {Invariant})" : $"{v}.ToString({Invariant})";
                    var bounds = $" is outside [{Format(c.Minimum)}, {Format(c.Maximum)}]";
                    w.Open($"if ({test} && !((double){v} >= {Double(c.Minimum)} && (double){v} <= {Double(c.Maximum)}))");
                    w.Line($"errors.Add(line, {header}, \"range\", \"value \" + {format} + {Lit(bounds)});");
                    w.Close();
                }

                if (c.Categories.Count > 0)
                {
                    var v = $"k{n++}";
                    var pattern = string.Join(" or ", c.Categories.Select(Lit));
                    w.Open($"if (row.{c.Member} is {{ }} {v} && !({v} is {pattern}))");
                    w.Line($"errors.Add(line, {header}, \"categories\", \"'\" + {v} + {Lit("' is not one of: " + string.Join(", ", c.Categories))});");
                    w.Close();
                }
            }

            w.Close();
            w.Close();
        }

        private static string LabelExpression(DatasetSpec spec)
        {
            if (spec.LabelMember.Length == 0)
            {
                return "float.NaN"; // no [Label]: a dataset that is only joined; PDSL207 keeps it out of any model
            }

            var member = "row." + spec.LabelMember;
            return (spec.LabelKind, spec.LabelIsNullable) switch
            {
                (ValueKind.Boolean, false) => $"{member} ? 1f : 0f",
                (ValueKind.Boolean, true) => $"{member} is bool b ? (b ? 1f : 0f) : float.NaN",
                (ValueKind.Int32 or ValueKind.Int64 or ValueKind.Single or ValueKind.Double or ValueKind.Decimal, false) => $"(float){member}",
                (ValueKind.Int32 or ValueKind.Int64 or ValueKind.Single or ValueKind.Double or ValueKind.Decimal, true) => $"{member} is {{ }} l ? (float)l : float.NaN",
                _ => "float.NaN", // a string or DateTime label fits no task; PDSL207 reports it on the model
            };
        }

        // ---------------------------------------------------------------- feature sets

        public static string EmitFeatureSet(FeatureSetOutputSpec output)
        {
            if (output.Temporal is { } temporal)
            {
                return EmitPointInTimeFeatureSet(output, temporal);
            }

            var spec = output.FeatureSet;
            var row = spec.RowTypeFullName;
            var features = spec.Features;
            var w = Begin(spec.Namespace);

            OpenFeatureSet(w, spec, features.Select(f => f.Name), "How many features this set computes per row.", "SHA-256 over the ordered feature names and each feature's code hash.");
            w.Line("/// <summary>Computes every feature of one row into <paramref name=\"destination\"/> (length at least <see cref=\"FeatureCount\"/>).</summary>");
            w.Line(GeneratedCode);
            w.Open($"public static void ComputeRow({row} row, global::System.Span<float> destination)");
            w.Open("if (destination.Length < FeatureCount)");
            w.Line("throw new global::System.ArgumentException(\"The destination must hold at least \" + FeatureCount.ToString(" + Invariant + ") + \" values.\", nameof(destination));");
            w.Close();
            w.Line();
            for (var j = 0; j < features.Count; j++)
            {
                w.Line($"destination[{j.ToString(CultureInfo.InvariantCulture)}] = {Convert(spec, features[j], "row")};");
            }

            w.Close();
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Computes every feature of every row, column-major: feature <c>j</c> of row <c>i</c> goes to");
            w.Line("/// <c>destination[j * rows.Length + i]</c>. Every row goes through <see cref=\"ComputeRow\"/>: one feature path.");
            w.Line("/// </summary>");
            w.Line(GeneratedCode);
            w.Line($"public static void ComputeBatch(global::System.ReadOnlySpan<{row}> rows, global::System.Span<float> destination) =>");
            w.Line($"    {Runtime}.FeatureBatch.FromRows(rows, destination, FeatureCount, ComputeRow);");
            w.Line();
            OpenDefinition(w, output, "The runtime definition: names, code hashes and the row and batch functions.");

            w.Close(",");
            w.Line("FeatureSetHash,");
            w.Line("ComputeRow,");
            w.Line("ComputeBatch);");
            w.Outdent();
            w.Close();
            return End(w, spec.Namespace);
        }

        /// <summary>Opens the feature set's partial class with its count, hash and names (both kinds of feature set).</summary>
        private static void OpenFeatureSet(SourceWriter w, FeatureSetSpec spec, IEnumerable<string> names, string countSummary, string hashSummary)
        {
            var all = names.ToList();

            // [GeneratedCode] goes on members, never on the user's partial type: on the type it would mark the
            // user's own feature methods as generated and hide them from the leakage and skew analyzers.
            w.Open($"static partial class {spec.TypeName}");
            w.Line($"/// <summary>{countSummary}</summary>");
            w.Line(GeneratedCode);
            w.Line($"public const int FeatureCount = {all.Count.ToString(CultureInfo.InvariantCulture)};");
            w.Line();
            w.Line($"/// <summary>{hashSummary}</summary>");
            w.Line(GeneratedCode);
            w.Line($"public const string FeatureSetHash = {Lit(spec.FeatureSetHash)};");
            w.Line();
            w.Line("/// <summary>The feature names, in column order.</summary>");
            w.Line(GeneratedCode);
            w.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> FeatureNames {{ get; }} = new string[] {{ {string.Join(", ", all.Select(Lit))} }};");
            w.Line();
        }

        /// <summary>
        /// Opens a feature set's <c>Definition</c>: its name, dataset and the feature methods' entries, leaving the
        /// feature array open for the caller (a point-in-time set adds its windows) to close.
        /// </summary>
        private static void OpenDefinition(SourceWriter w, FeatureSetOutputSpec output, string summary)
        {
            var spec = output.FeatureSet;
            var row = spec.RowTypeFullName;
            w.Line($"/// <summary>{summary}</summary>");
            w.Line(GeneratedCode);
            w.Line($"public static {Runtime}.FeatureSetDefinition<{row}> Definition {{ get; }} = new {Runtime}.FeatureSetDefinition<{row}>(");
            w.Indent();
            w.Line($"{Lit(spec.TypeName)},");
            w.Line($"{Lit(output.DatasetName)},");
            w.Open($"new {Runtime}.FeatureDefinition[]");
            foreach (var f in spec.Features)
            {
                w.Line($"new {Runtime}.FeatureDefinition({Lit(f.Name)}, {Lit(f.MethodName)}, {Lit(f.CodeHash)}),");
            }
        }

        /// <summary>The one conversion to float, shared by the row and batch paths.</summary>
        private static string Convert(FeatureSetSpec featureSet, FeatureSpec feature, string argument)
        {
            var call = $"{featureSet.FullName}.{feature.MethodName}({argument})";
            return feature.ReturnKind switch
            {
                ValueKind.Single => call,
                ValueKind.Boolean => $"{call} ? 1f : 0f",
                _ => $"(float){call}",
            };
        }

        // ---------------------------------------------------------------- models

        public static string EmitModel(ModelSpec spec)
        {
            var w = Begin(spec.Namespace);
            w.Open($"partial {spec.TypeKeyword} {spec.TypeName}");
            w.Line("/// <summary>SHA-256 of the task, trainer, feature set and hyperparameter declarations.</summary>");
            w.Line(GeneratedCode);
            w.Line($"public const string ModelConfigHash = {Lit(spec.ConfigHash)};");
            w.Line();
            w.Line("/// <summary>The runtime definition of the default configuration.</summary>");
            w.Line(GeneratedCode);
            w.Line($"public static {Runtime}.ModelDefinition Definition {{ get; }} = new {spec.FullName}().ToDefinition();");
            w.Line();
            w.Line("/// <summary>The runtime definition of this instance's configuration.</summary>");
            w.Line(GeneratedCode);
            w.Line($"public {Runtime}.ModelDefinition ToDefinition() => new {Runtime}.ModelDefinition(");
            w.Indent();
            w.Line($"{Lit(spec.TypeName)},");
            w.Line($"{Lit(spec.FeatureSetName)},");
            w.Line($"{EnumValue("MlTask", spec.Task)},");
            w.Line($"{EnumValue("Trainer", spec.Trainer)},");
            if (spec.Hyperparameters.Count == 0)
            {
                w.Line($"global::System.Array.Empty<{Runtime}.Hyperparameter>(),");
            }
            else
            {
                w.Open($"new {Runtime}.Hyperparameter[]");
                foreach (var h in spec.Hyperparameters)
                {
                    w.Line($"new {Runtime}.Hyperparameter({Lit(h.Name)}, {FormatHyperparameter(h)}),");
                }

                w.Close(",");
            }

            w.Line("ModelConfigHash);");
            w.Outdent();
            w.Close();
            return End(w, spec.Namespace);
        }

        private static string FormatHyperparameter(HyperparameterSpec h)
        {
            var member = "this." + h.Name;
            return h.Kind switch
            {
                ValueKind.Single or ValueKind.Double => $"{member}.ToString(\"R\", {Invariant})",
                ValueKind.Boolean => $"{member} ? \"true\" : \"false\"",
                ValueKind.String => $"{member} ?? \"\"",
                _ => $"{member}.ToString({Invariant})",
            };
        }

        // ---------------------------------------------------------------- gates

        public static string EmitGate(GateSpec spec)
        {
            var w = Begin(spec.Namespace);
            w.Open($"partial {spec.TypeKeyword} {spec.TypeName}");
            w.Line("/// <summary>The metric rules a model must pass, in declaration order.</summary>");
            w.Line(GeneratedCode);
            if (spec.Rules.Count == 0)
            {
                w.Line($"public static global::System.Collections.Generic.IReadOnlyList<{Runtime}.GateRule> Rules {{ get; }} = global::System.Array.Empty<{Runtime}.GateRule>();");
            }
            else
            {
                w.Open($"public static global::System.Collections.Generic.IReadOnlyList<{Runtime}.GateRule> Rules {{ get; }} = new {Runtime}.GateRule[]");
                foreach (var rule in spec.Rules)
                {
                    var comparison = rule.AtLeast ? "AtLeast" : "AtMost";
                    var create = $"new {Runtime}.GateRule({EnumValue("Metric", rule.Metric)}, {Runtime}.GateComparison.{comparison}, {Double(rule.Threshold)}";
                    w.Line(rule.Kind switch
                    {
                        "NoRegression" => $"{create}) {{ Kind = {Runtime}.GateKind.NoRegression }},",
                        "Slice" => $"{create}) {{ Kind = {Runtime}.GateKind.Slice, Member = {Lit(rule.Member!)}, MinRows = {rule.MinRows} }},",
                        "Fairness" => $"{create}) {{ Kind = {Runtime}.GateKind.Fairness, Member = {Lit(rule.Member!)}, MinRows = {rule.MinRows}, Criterion = {EnumValue("FairnessCriterion", rule.Criterion!)} }},",
                        _ when rule.WorstFold => $"{create}, WorstFold: true),",
                        _ => $"{create}),",
                    });
                }

                w.Close(";");
            }

            w.Close();
            return End(w, spec.Namespace);
        }

        // ---------------------------------------------------------------- pipelines

        public static string EmitPipeline(PipelineOutputSpec output)
        {
            var spec = output.Pipeline;
            var row = output.RowTypeFullName;
            var w = Begin(spec.Namespace);
            w.Open($"static partial class {spec.TypeName}");
            w.Line("/// <summary>The pipeline's name.</summary>");
            w.Line(GeneratedCode);
            w.Line($"public const string PipelineName = {Lit(spec.PipelineName)};");
            w.Line();
            w.Line("/// <summary>The pipeline's DAG.</summary>");
            w.Line(GeneratedCode);
            w.Line($"public static {GraphNs}.PipelineGraph Graph {{ get; }} = new {GraphNs}.PipelineGraph(");
            w.Indent();
            w.Open($"new {GraphNs}.PipelineNode[]");
            foreach (var node in output.Nodes)
            {
                w.Line($"new {GraphNs}.PipelineNode({Lit(node.Id)}, {GraphNs}.NodeKind.{node.Kind}, {Lit(node.Subject)}),");
            }

            w.Close(",");
            w.Open($"new {GraphNs}.PipelineEdge[]");
            foreach (var edge in output.Edges)
            {
                w.Line($"new {GraphNs}.PipelineEdge({Lit(edge.From)}, {Lit(edge.To)}),");
            }

            w.Close(");");
            w.Outdent();
            w.Line();
            w.Line("/// <summary>The node ids in topological order, computed at generation time.</summary>");
            w.Line(GeneratedCode);
            w.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> TopologicalOrder {{ get; }} = new string[] {{ {string.Join(", ", output.TopologicalOrder.Select(Lit))} }};");
            w.Line();
            w.Line("/// <summary>The DAG as a Mermaid flowchart.</summary>");
            w.Line(GeneratedCode);
            w.Line("public static string ToMermaid() => Graph.ToMermaid();");
            w.Line();
            w.Line("/// <summary>The runtime definition: dataset, feature set, model, gates, split and graph.</summary>");
            w.Line(GeneratedCode);
            w.Line($"public static {Runtime}.PipelineDefinition<{row}> Definition {{ get; }} = new {Runtime}.PipelineDefinition<{row}>(");
            w.Indent();
            w.Line("PipelineName,");
            w.Line($"{output.DatasetClassFullName}.Instance,");
            w.Line($"{output.FeatureSetFullName}.Definition,");
            w.Line($"{output.ModelFullName}.Definition,");
            w.Line($"{GatesExpression(output.GateClassFullNames)},");
            w.Line(spec.TimeCutoffTicks is null && spec.BacktestFolds == 0
                ? $"new {Runtime}.SplitDefinition({EnumValue("SplitStrategy", spec.Split)}, {Double(spec.HoldoutFraction)}, {spec.Seed.ToString(CultureInfo.InvariantCulture)}),"
                : $"new {Runtime}.SplitDefinition({EnumValue("SplitStrategy", spec.Split)}, {Double(spec.HoldoutFraction)}, {spec.Seed.ToString(CultureInfo.InvariantCulture)}, "
                    + $"{(spec.TimeCutoffTicks is { } c ? $"new global::System.DateTime({Long(c)})" : "null")}, {Int(spec.BacktestFolds)}),");
            var monitor = output.Monitor;
            if (output.Deployments.Count == 0 && monitor is null)
            {
                w.Line("Graph);");
            }
            else
            {
                w.Line("Graph,");
                if (output.Deployments.Count > 0)
                {
                    w.Open($"deployments: new {Runtime}.DeploymentDefinition[]");
                    foreach (var d in output.Deployments)
                    {
                        w.Line($"new {Runtime}.DeploymentDefinition({Lit(d.Name)}, {EnumValue("RolloutStrategy", d.Rollout)}, new int[] {{ {string.Join(", ", d.CanarySteps.Select(Int))} }}, "
                            + $"global::System.TimeSpan.FromSeconds({Int(d.EvaluationSeconds)}), {Int(d.MinRequestsPerWindow)}, {Double(d.MaxErrorRate)}, {Double(d.MaxP99LatencyMs)}, "
                            + $"{Double(d.MaxPredictionShift)}, {Int(d.ChallengerPercent)}, {(d.AssignmentMember is null ? "null" : Lit(d.AssignmentMember))}),");
                    }

                    w.Close(monitor is null ? ");" : ",");
                }

                if (monitor is not null)
                {
                    w.Line($"monitor: new {Runtime}.MonitorDefinition({Int(monitor.WindowRows)}, global::System.TimeSpan.FromTicks({Long(monitor.WindowTicks)}), "
                        + $"{Double(monitor.MaxPsi)}, {Double(monitor.MinKsPValue)}, {Double(monitor.MaxJensenShannon)}, {Double(monitor.MinChiSquarePValue)}, "
                        + $"{Double(monitor.MaxPredictionPsi)}, {Double(monitor.MaxInvalidRate)}, {Double(monitor.MaxStalenessHours)}, {EnumValue("Metric", monitor.DecayMetric)}, "
                        + $"{Double(monitor.MaxDecay)}, {Int(monitor.MinLabelledRows)}, {Action(monitor.OnDrift)}, {Action(monitor.OnQuality)}, {Action(monitor.OnDecay)}));");
                }
            }

            w.Outdent();
            w.Close();
            return End(w, spec.Namespace);
        }

        private static string Action(int flags) => $"(global::PipelineDsl.MonitorAction){Int(flags)}";

        private static string GatesExpression(EquatableArray<string> gates)
        {
            if (gates.Count == 0)
            {
                return $"global::System.Array.Empty<{Runtime}.GateRule>()";
            }

            if (gates.Count == 1)
            {
                return gates[0] + ".Rules";
            }

            var expression = gates[0] + ".Rules";
            for (var i = 1; i < gates.Count; i++)
            {
                expression = $"global::System.Linq.Enumerable.Concat({expression}, {gates[i]}.Rules)";
            }

            return $"global::System.Linq.Enumerable.ToArray({expression})";
        }

        public static string EmitRegistry(EquatableArray<string> pipelineFullNames)
        {
            var w = Begin("PipelineDsl.Generated");
            w.Line("/// <summary>Every pipeline declared in this project, in ordinal order of their class names.</summary>");
            w.Line(GeneratedCode);
            w.Open("internal static class GeneratedPipelines");
            w.Line("/// <summary>The pipeline definitions.</summary>");
            w.Open($"public static global::System.Collections.Generic.IReadOnlyList<{Runtime}.IPipelineDefinition> All {{ get; }} = new {Runtime}.IPipelineDefinition[]");
            foreach (var name in pipelineFullNames)
            {
                w.Line($"{name}.Definition,");
            }

            w.Close(";");
            w.Close();
            return End(w, "PipelineDsl.Generated");
        }

        // ---------------------------------------------------------------- helpers

        private static SourceWriter Begin(string ns)
        {
            var w = new SourceWriter();
            w.Line("// <auto-generated/>");
            w.Line("#nullable enable");
            w.Line();
            if (ns.Length > 0)
            {
                w.Open($"namespace {ns}");
            }

            return w;
        }

        private static string End(SourceWriter w, string ns)
        {
            if (ns.Length > 0)
            {
                w.Close();
            }

            return w.ToString();
        }

        private static string Lit(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        private static string Bool(bool value) => value ? "true" : "false";

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>A round-trippable, culture-invariant double literal.</summary>
        private static string Double(double value) =>
            double.IsNaN(value) ? "double.NaN"
            : double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
            : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
            : Format(value) + "d";

        private static string EnumValue(string enumType, string member) =>
            member.Length > 0 && (char.IsDigit(member[0]) || member[0] == '-')
                ? $"(global::PipelineDsl.{enumType})({member})"
                : $"global::PipelineDsl.{enumType}.{member}";

        private static string Roles(ColumnSpec c)
        {
            var roles = new List<string>();
            if (c.IsKey)
            {
                roles.Add("Key");
            }

            if (c.IsLabel)
            {
                roles.Add("Label");
            }

            if (c.IsTimestamp)
            {
                roles.Add("Timestamp");
            }

            if (c.IsNotAvailableAtPrediction)
            {
                roles.Add("NotAvailableAtPrediction");
            }

            if (roles.Count == 0)
            {
                roles.Add("None");
            }

            return string.Join(" | ", roles.Select(r => $"{Runtime}.ColumnRole.{r}"));
        }

        private static string Describe(ValueKind kind) => kind switch
        {
            ValueKind.Boolean => "bool",
            ValueKind.DateTime => "date-time",
            _ => kind.ToKeyword(),
        };

        private static string TypeName(ColumnSpec c) => Describe(c.Kind) + (c.IsNullable ? "?" : "");

        private static string ParseMethod(ValueKind kind) => "TryParse" + kind;

        private static string Cref(string fullName) => fullName.StartsWith("global::", StringComparison.Ordinal) ? fullName.Substring(8) : fullName;

        private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');

        private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
