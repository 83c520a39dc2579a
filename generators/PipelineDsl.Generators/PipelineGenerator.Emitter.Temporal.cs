using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PipelineDsl.Generators.Helpers;
using PipelineDsl.Generators.Model;

namespace PipelineDsl.Generators;

public sealed partial class PipelineGenerator
{
    internal static partial class Emitter
    {
        private const string TemporalNs = "global::PipelineDsl.Runtime.Temporal";

        /// <summary>
        /// A point-in-time feature set: the one row function (row, joined rows, window values), a <c>State</c> class
        /// that offline replay and online serving share (window engine + as-of indexes), a batch function that is a
        /// replay through a fresh state, and the definition.
        /// </summary>
        private static string EmitPointInTimeFeatureSet(FeatureSetOutputSpec output, TemporalOutputSpec t)
        {
            var spec = output.FeatureSet;
            var row = spec.RowTypeFullName;
            var features = spec.Features;
            var windows = t.Windows;
            var joins = t.Joins;
            var hasWindows = windows.Count > 0;
            var ticks = $"static r => r.{t.TimestampMember}.Ticks";
            var w = Begin(spec.Namespace);

            OpenFeatureSet(
                w,
                spec,
                features.Select(f => f.Name).Concat(windows.Select(x => x.Window.Name)),
                "How many features this set computes per row (feature methods, then windows).",
                "SHA-256 over the feature names and code hashes, the window and the join declarations.");
            w.Line("/// <summary>How many of them are window features (the last ones).</summary>");
            w.Line(GeneratedCode);
            w.Line($"public const int WindowCount = {Int(windows.Count)};");
            w.Line();
            w.Line("/// <summary>The window features, compiled: member slot, duration or row count, and lag in ticks.</summary>");
            w.Line(GeneratedCode);
            w.Open($"public static global::System.Collections.Generic.IReadOnlyList<{TemporalNs}.WindowSpec> Windows {{ get; }} = new {TemporalNs}.WindowSpec[]");
            foreach (var x in windows)
            {
                var d = x.Window;
                w.Line($"new {TemporalNs}.WindowSpec({Lit(d.Name)}, {Lit(d.Member)}, global::PipelineDsl.Aggregate.{d.Aggregate}, {Int(x.Slot)}, {Long(d.DurationTicks)}, {Int(d.Events)}, {Long(d.LagTicks)}),");
            }

            w.Close(";");
            w.Line();

            // The one row function.
            var joinParameters = joins.Select((j, k) => $"{j.RowTypeFullName}? join{Int(k)}").ToList();
            var rowParameters = new List<string> { $"{row} row" };
            rowParameters.AddRange(joinParameters);
            if (hasWindows)
            {
                rowParameters.Add("global::System.ReadOnlySpan<double> windows");
            }

            rowParameters.Add("global::System.Span<float> destination");
            w.Line("/// <summary>");
            w.Line("/// The one row function: every feature of one row from the row, its as-of joined rows (null when none matched)");
            w.Line("/// and its window values. <see cref=\"State\"/> calls it online; the batch path calls the same methods with the");
            w.Line("/// same conversions, so both give bit-identical values.");
            w.Line("/// </summary>");
            w.Line(GeneratedCode);
            w.Open($"public static void ComputeRow({string.Join(", ", rowParameters)})");
            w.Open("if (destination.Length < FeatureCount)");
            w.Line("throw new global::System.ArgumentException(\"The destination must hold at least \" + FeatureCount.ToString(" + Invariant + ") + \" values.\", nameof(destination));");
            w.Close();
            if (hasWindows)
            {
                w.Open("if (windows.Length < WindowCount)");
                w.Line("throw new global::System.ArgumentException(\"The window values must hold at least \" + WindowCount.ToString(" + Invariant + ") + \" values.\", nameof(windows));");
                w.Close();
            }

            w.Line();
            for (var j = 0; j < features.Count; j++)
            {
                w.Line($"destination[{Int(j)}] = {ConvertWithJoins(spec, features[j], "row", k => $"join{Int(k)}")};");
            }

            for (var x = 0; x < windows.Count; x++)
            {
                w.Line($"destination[{Int(features.Count + x)}] = (float)windows[{Int(x)}];");
            }

            w.Close();
            w.Line();

            // Batch = replay through a fresh state.
            var batchParameters = new List<string> { $"global::System.ReadOnlySpan<{row}> rows" };
            batchParameters.AddRange(joins.Select((j, k) => $"global::System.ReadOnlySpan<{j.RowTypeFullName}> join{Int(k)}Rows"));
            batchParameters.Add("global::System.Span<float> destination");
            w.Line("/// <summary>Computes every feature of every row, column-major, by replaying the rows through a fresh <see cref=\"State\"/>.</summary>");
            w.Line(GeneratedCode);
            w.Line($"public static void ComputeBatch({string.Join(", ", batchParameters)}) =>");
            w.Line($"    new State({string.Join(", ", joins.Select((_, k) => $"join{Int(k)}Rows"))}).ComputeBatch(rows, destination);");
            w.Line();

            EmitState(w, spec, t, row, ticks);

            // The definition.
            w.Line();
            OpenDefinition(w, output, "The runtime definition: names, code hashes, windows, joined datasets and the state factory.");

            foreach (var x in windows)
            {
                var d = x.Window;
                var declaration = $"[Window({d.Name}, {d.Member}, {d.Aggregate}, {Long(d.DurationTicks)}, {Int(d.Events)}, {Long(d.LagTicks)})]";
                w.Line($"new {Runtime}.FeatureDefinition({Lit(d.Name)}, {Lit(declaration)}, {Lit(HashHelper.Sha256Hex(declaration))}),");
            }

            w.Close(",");
            w.Line("FeatureSetHash,");
            w.Line("Windows,");
            w.Line($"new {Runtime}.IDatasetDefinition[] {{ {string.Join(", ", joins.Select(j => j.DatasetClassFullName + ".Instance"))} }},");
            w.Line($"static joined => new State({string.Join(", ", joins.Select((j, k) => $"({j.RowTypeFullName}[])joined[{Int(k)}]"))}));");
            w.Outdent();
            w.Close();
            return End(w, spec.Namespace);
        }

        private static void EmitState(SourceWriter w, FeatureSetSpec spec, TemporalOutputSpec t, string row, string ticks)
        {
            var features = spec.Features;
            var windows = t.Windows;
            var joins = t.Joins;
            var hasWindows = windows.Count > 0;
            var keyType = t.KeyKind.ToKeyword();

            w.Line("/// <summary>");
            w.Line("/// The feature state both paths share: per-entity windows and the as-of join indexes. Training replays a dataset");
            w.Line("/// through it (<see cref=\"ComputeBatch\"/>); serving answers from it (<see cref=\"Compute\"/>) and feeds it events");
            w.Line("/// (<c>Observe</c>).");
            w.Line("/// </summary>");
            w.Line(GeneratedCode);
            w.Open($"public sealed class State : {TemporalNs}.IFeatureState<{row}>");
            if (hasWindows)
            {
                w.Line($"private readonly {TemporalNs}.WindowEngine<{row}, {keyType}> _windows = new {TemporalNs}.WindowEngine<{row}, {keyType}>(");
                w.Indent();
                w.Line("Windows,");
                w.Line($"{Int(t.NumericSlots.Count)},");
                w.Line($"{Int(t.CategoricalSlots.Count)},");
                w.Line($"static r => r.{t.KeyMember},");
                w.Line($"{ticks},");
                w.Line("static (r, numeric, categorical) =>");
                w.Line("{");
                w.Indent();
                for (var s = 0; s < t.NumericSlots.Count; s++)
                {
                    w.Line($"numeric[{Int(s)}] = {NumericSlot(t.NumericSlots[s], "r")};");
                }

                for (var s = 0; s < t.CategoricalSlots.Count; s++)
                {
                    w.Line($"categorical[{Int(s)}] = {CategoricalSlot(t.CategoricalSlots[s], "r")};");
                }

                w.Outdent();
                w.Line("});");
                w.Outdent();
            }

            for (var k = 0; k < joins.Count; k++)
            {
                var j = joins[k];
                w.Line($"private readonly {TemporalNs}.AsOfIndex<{j.RowTypeFullName}, {j.KeyKind.ToKeyword()}> _join{Int(k)};");
            }

            w.Line($"private {TemporalNs}.JoinReport[] _joinReports = global::System.Array.Empty<{TemporalNs}.JoinReport>();");
            w.Line();

            w.Line("/// <summary>Creates an empty state over the joined datasets' rows.</summary>");
            w.Open($"public State({string.Join(", ", joins.Select((j, k) => $"global::System.ReadOnlySpan<{j.RowTypeFullName}> join{Int(k)}Rows"))})");
            for (var k = 0; k < joins.Count; k++)
            {
                var j = joins[k];
                var rightKey = j.RightKeyMember is null ? "static _ => true" : $"static r => r.{j.RightKeyMember}";
                w.Line($"_join{Int(k)} = new {TemporalNs}.AsOfIndex<{j.RowTypeFullName}, {j.KeyKind.ToKeyword()}>({Lit(j.DatasetName)}, {rightKey}, static r => r.{j.RightTimestampMember}.Ticks, {Long(j.LagTicks)}, {Long(j.ToleranceTicks)});");
                w.Line($"_join{Int(k)}.AddRange(join{Int(k)}Rows);");
            }

            w.Close();
            w.Line();
            w.Line("/// <inheritdoc />");
            w.Line($"public global::System.Collections.Generic.IReadOnlyList<{TemporalNs}.JoinReport> JoinReports => _joinReports;");
            w.Line();
            if (hasWindows)
            {
                w.Line("/// <summary>The window engine (entity states), for inspection.</summary>");
                w.Line($"public {TemporalNs}.WindowEngine<{row}, {keyType}> WindowEngine => _windows;");
                w.Line();
            }

            w.Line("/// <inheritdoc />");
            w.Line(hasWindows ? $"public void Observe({row} row) => _windows.Observe(row);" : $"public void Observe({row} row) {{ }}");
            for (var k = 0; k < joins.Count; k++)
            {
                w.Line();
                w.Line($"/// <summary>Adds a row of the joined dataset {Xml(Lit(joins[k].DatasetName))} as it arrives.</summary>");
                w.Line($"public void Observe({joins[k].RowTypeFullName} row) => _join{Int(k)}.Add(row);");
            }

            w.Line();
            w.Line("/// <inheritdoc />");
            w.Open($"public void Compute({row} row, global::System.Span<float> destination)");
            var arguments = new List<string> { "row" };
            if (hasWindows)
            {
                w.Line("global::System.Span<double> windows = stackalloc double[WindowCount];");
                w.Line("_windows.Query(row, windows);");
            }

            for (var k = 0; k < joins.Count; k++)
            {
                w.Line($"_join{Int(k)}.Find({LeftKey(joins[k], "row")}, row.{t.TimestampMember}.Ticks, out var join{Int(k)});");
                arguments.Add($"join{Int(k)}");
            }

            if (hasWindows)
            {
                arguments.Add("windows");
            }

            arguments.Add("destination");
            w.Line($"ComputeRow({string.Join(", ", arguments)});");
            w.Close();
            w.Line();

            w.Line("/// <inheritdoc />");
            w.Open($"public void ComputeBatch(global::System.ReadOnlySpan<{row}> rows, global::System.Span<float> destination)");
            w.Line("var n = rows.Length;");
            w.Open("if (destination.Length < FeatureCount * n)");
            w.Line("throw new global::System.ArgumentException(\"The destination must hold at least FeatureCount * rows.Length values.\", nameof(destination));");
            w.Close();
            if (hasWindows)
            {
                w.Line("var windows = new float[n * WindowCount]; // (float) of each window value, as ComputeRow converts it");
                w.Line("_windows.Replay(rows, windows);");
            }

            w.Line($"var reports = new {TemporalNs}.JoinReport[{Int(joins.Count)}];");
            for (var k = 0; k < joins.Count; k++)
            {
                var j = joins[k];
                var leftKey = j.LeftKeyMember is null ? "static _ => true" : $"static r => r.{j.LeftKeyMember}";
                w.Line($"var join{Int(k)} = new {j.RowTypeFullName}?[n];");
                w.Line($"reports[{Int(k)}] = _join{Int(k)}.Join(rows, {leftKey}, {ticks}, join{Int(k)});");
            }

            w.Line("_joinReports = reports;");
            for (var f = 0; f < features.Count; f++)
            {
                w.Line();
                w.Open();
                w.Line($"var column = destination.Slice({Int(f)} * n, n);");
                w.Open("for (var i = 0; i < n; i++)");
                w.Line($"column[i] = {ConvertWithJoins(spec, features[f], "rows[i]", k => $"join{Int(k)}[i]")};");
                w.Close();
                w.Close();
            }

            for (var x = 0; x < windows.Count; x++)
            {
                w.Line();
                w.Open();
                w.Line($"var column = destination.Slice({Int(features.Count + x)} * n, n);");
                w.Open("for (var i = 0; i < n; i++)");
                w.Line($"column[i] = windows[(i * WindowCount) + {Int(x)}];");
                w.Close();
                w.Close();
            }

            w.Close();
            w.Line();
            w.Line("/// <inheritdoc />");
            w.Line(hasWindows
                ? "public void SaveWindows(global::System.IO.Stream stream) => _windows.Save(stream, FeatureSetHash);"
                : "public void SaveWindows(global::System.IO.Stream stream) { }");
            w.Line();
            w.Line("/// <inheritdoc />");
            w.Line(hasWindows
                ? "public void LoadWindows(global::System.IO.Stream stream) => _windows.Load(stream, FeatureSetHash);"
                : "public void LoadWindows(global::System.IO.Stream stream) { }");
            w.Close();
        }

        /// <summary>The conversion to float shared by both paths, for a method that may also take joined rows.</summary>
        private static string ConvertWithJoins(FeatureSetSpec featureSet, FeatureSpec feature, string row, System.Func<int, string> join)
        {
            var arguments = new List<string> { row };
            arguments.AddRange(feature.JoinArguments.Select(join));
            var call = $"{featureSet.FullName}.{feature.MethodName}({string.Join(", ", arguments)})";
            return feature.ReturnKind switch
            {
                ValueKind.Single => call,
                ValueKind.Boolean => $"{call} ? 1f : 0f",
                _ => $"(float){call}",
            };
        }

        private static string LeftKey(JoinOutputSpec join, string row) => join.LeftKeyMember is null ? "true" : $"{row}.{join.LeftKeyMember}";

        private static string NumericSlot(SlotSpec slot, string row)
        {
            var value = slot.IsNullable ? $"{row}.{slot.Member}.Value" : $"{row}.{slot.Member}";
            var converted = slot.Kind == ValueKind.Boolean ? $"({value} ? 1d : 0d)" : $"(double){value}";
            return slot.IsNullable ? $"{row}.{slot.Member}.HasValue ? {converted} : double.NaN" : converted;
        }

        private static string CategoricalSlot(SlotSpec slot, string row)
        {
            const string Key = TemporalNs + ".CategoricalKey";
            if (slot.Kind == ValueKind.String)
            {
                return $"{Key}.Of({row}.{slot.Member})";
            }

            var value = slot.IsNullable ? $"{row}.{slot.Member}.Value" : $"{row}.{slot.Member}";
            var converted = slot.Kind switch
            {
                ValueKind.Int32 or ValueKind.Int64 => $"{Key}.Of((long){value})",
                ValueKind.Single or ValueKind.Double or ValueKind.Decimal => $"{Key}.Of((double){value})",
                _ => $"{Key}.Of({value})",
            };
            return slot.IsNullable ? $"{row}.{slot.Member}.HasValue ? {converted} : {Key}.Missing" : converted;
        }

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Long(long value) => value == long.MaxValue ? "long.MaxValue" : value.ToString(CultureInfo.InvariantCulture) + "L";
    }
}
