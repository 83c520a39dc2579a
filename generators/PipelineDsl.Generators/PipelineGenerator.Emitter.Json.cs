using System.Collections.Generic;
using PipelineDsl.Generators.Helpers;
using PipelineDsl.Generators.Model;

namespace PipelineDsl.Generators;

public sealed partial class PipelineGenerator
{
    internal static partial class Emitter
    {
        private const string Json = "global::System.Text.Json";
        private const string Cells = Data + ".JsonCells";

        /// <summary>
        /// <c>TryReadJson</c>: one prediction request, read field by field with <c>JsonCells</c> (the CSV reader's
        /// parsers, so a JSON value is the same bits as the same text in the training file). Names match
        /// case-insensitively and without separators: the JSON name (the member) and the CSV header are normalized at
        /// generation time (<see cref="NormalizeName"/>) and the request's name at run time
        /// (<c>JsonCells.LowerPropertyName</c>), then compared in one <c>switch</c> on the span.
        /// </summary>
        private static void EmitTryReadJson(SourceWriter w, DatasetSpec spec)
        {
            var columns = spec.Columns;
            var aliases = JsonAliases(columns);
            w.Line("/// <inheritdoc />");
            w.Open($"public override bool TryReadJson(ref {Json}.Utf8JsonReader reader, global::System.Collections.Generic.ICollection<{Data}.FieldError> errors, out {spec.RowTypeFullName} row)");
            w.Open($"if (reader.TokenType != {Json}.JsonTokenType.StartObject)");
            w.Line("row = default!;");
            w.Line($"return {Cells}.NotAnObject(ref reader, errors);");
            w.Close();
            w.Line();
            for (var i = 0; i < columns.Count; i++)
            {
                var c = columns[i];
                if (!IsRequestColumn(c))
                {
                    continue;
                }

                w.Line($"{LocalType(c)} v{i} = {(c.IsNullable ? "null" : c.Kind == ValueKind.String ? "\"\"" : "default")};");
                if (!c.IsNullable)
                {
                    w.Line($"var seen{i} = false;");
                }
            }

            w.Line("var ok = true;");
            w.Line($"global::System.Span<char> name = stackalloc char[{Cells}.MaxPropertyNameLength];");
            w.Open($"while (reader.Read() && reader.TokenType != {Json}.JsonTokenType.EndObject)");
            // A scoped copy on the name: it may be handed the stack buffer (the caller's reader may not), and it
            // still holds the name as sent after the reader has moved to the value.
            w.Line($"scoped {Json}.Utf8JsonReader property = reader;");
            w.Line($"var n = {Cells}.LowerPropertyName(ref property, name);");
            w.Line("reader.Read();");
            w.Open("switch (n < 0 ? default : name[..n])");
            for (var i = 0; i < columns.Count; i++)
            {
                var c = columns[i];
                if (aliases[i].Count == 0)
                {
                    continue; // every name of this member is claimed by an earlier one (a case-insensitive clash)
                }

                foreach (var alias in aliases[i])
                {
                    w.Line($"case {Lit(alias)}:");
                }

                w.Indent();
                var field = JsonName(c.Member);
                if (IsRequestColumn(c))
                {
                    if (!c.IsNullable)
                    {
                        w.Line($"seen{i} = true;");
                    }

                    w.Line($"ok &= {Cells}.{c.Kind}(ref reader, {Lit(field)}, {Bool(c.IsNullable)}, errors, out var p{i});");
                    w.Line($"v{i} = {(c.IsNullable ? $"p{i}" : c.Kind == ValueKind.String ? $"p{i} ?? \"\"" : $"p{i}.GetValueOrDefault()")};");
                }
                else
                {
                    var why = c.IsLabel
                        ? field + " is the label; a prediction request must not carry it"
                        : field + " is not available at prediction time (NotAvailableAtPrediction)";
                    w.Line($"{Cells}.Refuse(ref reader, {Lit(field)}, \"not-accepted\", {Lit(why)}, errors);");
                    w.Line("ok = false;");
                }

                w.Line("break;");
                w.Outdent();
            }

            w.Line("default:");
            w.Indent();
            w.Line($"{Cells}.Refuse(ref reader, {Cells}.PropertyName(ref property), \"unknown\", {Lit("not a field of the " + spec.DatasetName + " prediction contract")}, errors);");
            w.Line("ok = false;");
            w.Line("break;");
            w.Outdent();
            w.Close();
            w.Close();
            w.Line();
            for (var i = 0; i < columns.Count; i++)
            {
                var c = columns[i];
                if (IsRequestColumn(c) && !c.IsNullable)
                {
                    w.Open($"if (!seen{i})");
                    w.Line($"{Cells}.Missing({Lit(JsonName(c.Member))}, errors);");
                    w.Line("ok = false;");
                    w.Close();
                    w.Line();
                }
            }

            w.Open("if (!ok)");
            w.Line("row = default!;");
            w.Line("return false;");
            w.Close();
            w.Line();
            w.Open($"row = new {spec.RowTypeFullName}");
            for (var i = 0; i < columns.Count; i++)
            {
                var c = columns[i];
                if (IsRequestColumn(c))
                {
                    w.Line($"{c.Member} = v{i},");
                }
                else if (c.IsRequiredMember)
                {
                    w.Line($"{c.Member} = default!,"); // a 'required' label or late member: never read from a request row
                }
            }

            w.Close(";");
            w.Line("return true;");
            w.Close();
        }

        /// <summary>Whether a prediction request carries the column: all but the label and the late members.</summary>
        private static bool IsRequestColumn(ColumnSpec c) => !c.IsLabel && !c.IsNotAvailableAtPrediction;

        /// <summary>The JSON name: the member with its first letter lower-cased (as <c>JsonCells.JsonName</c>).</summary>
        private static string JsonName(string member) =>
            member.Length == 0 || !char.IsUpper(member[0]) ? member : char.ToLowerInvariant(member[0]) + member.Substring(1);

        /// <summary>
        /// A name as <c>JsonCells.NormalizeName</c> (and <c>LowerPropertyName</c> at run time) normalizes it: lower-cased
        /// character by character, without <c>_</c>, space, <c>-</c> and <c>.</c>.
        /// </summary>
        private static string NormalizeName(string name)
        {
            var builder = new System.Text.StringBuilder(name.Length);
            foreach (var c in name)
            {
                if (c is not ('_' or ' ' or '-' or '.'))
                {
                    builder.Append(char.ToLowerInvariant(c));
                }
            }

            return builder.ToString();
        }

        private static string LocalType(ColumnSpec c) => c.Kind.ToKeyword() + (c.IsNullable ? "?" : "");

        /// <summary>
        /// The normalized names each column answers to: its JSON name, then its CSV header when different. A name two
        /// members could claim goes to the first only, JSON names before headers (a header never hides a member's own
        /// name), so no case label is emitted twice. A name that normalizes to nothing is left out: the empty span is
        /// also what an over-long name switches on.
        /// </summary>
        private static List<string>[] JsonAliases(EquatableArray<ColumnSpec> columns)
        {
            var claimed = new HashSet<string>(System.StringComparer.Ordinal);
            var aliases = new List<string>[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                aliases[i] = new List<string>();
                var own = NormalizeName(columns[i].Member);
                if (own.Length > 0 && claimed.Add(own))
                {
                    aliases[i].Add(own);
                }
            }

            for (var i = 0; i < columns.Count; i++)
            {
                var header = NormalizeName(columns[i].Header);
                if (header.Length > 0 && claimed.Add(header))
                {
                    aliases[i].Add(header);
                }
            }

            return aliases;
        }
    }
}
