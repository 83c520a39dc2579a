using System;
using System.Collections.Generic;
using System.Linq;
using PipelineDsl.Generators.Helpers;
using PipelineDsl.Generators.Model;

namespace PipelineDsl.Generators;

public sealed partial class PipelineGenerator
{
    /// <summary>
    /// Point-in-time feature sets after the join with the dataset specs: checks windows and as-of joins against the
    /// members, keys and timestamps they name, and resolves what the emitter needs. Pure functions over specs.
    /// </summary>
    internal static class Temporal
    {
        /// <summary>One problem: a window (<paramref name="IsJoin"/> false) or join at <paramref name="Index"/>.</summary>
        internal readonly record struct Problem(bool IsJoin, int Index, string Subject, string Message);

        /// <summary>Resolves a point-in-time feature set; null (with problems) when a declaration does not fit its datasets.</summary>
        public static TemporalOutputSpec? Resolve(FeatureSetSpec featureSet, DatasetSpec dataset, EquatableArray<DatasetSpec> datasets, List<Problem> problems)
        {
            var columns = dataset.Columns;
            var timestamp = dataset.TimestampMember is { } ts ? columns.FirstOrDefault(c => c.Member == ts) : null;
            var keys = columns.Where(c => c.IsKey).ToList();
            var start = problems.Count;

            // Windows: an entity key, a timestamp, and members of the right kind.
            var numeric = new List<SlotSpec>();
            var categorical = new List<SlotSpec>();
            var windows = new List<WindowOutputSpec>();
            for (var i = 0; i < featureSet.Windows.Count; i++)
            {
                var window = featureSet.Windows[i];
                void Fail(string message) => problems.Add(new Problem(false, i, window.Name, message));
                if (timestamp is null)
                {
                    Fail($"dataset '{dataset.TypeName}' declares no Timestamp, so there is no 'before' to aggregate over");
                    continue;
                }

                if (keys.Count != 1)
                {
                    Fail(keys.Count == 0
                        ? $"dataset '{dataset.TypeName}' declares no [Key] member to group the entity's rows by"
                        : $"dataset '{dataset.TypeName}' declares {keys.Count} [Key] members; a window needs exactly one");
                    continue;
                }

                if (keys[0].IsNullable || keys[0].Kind is not (ValueKind.String or ValueKind.Int32 or ValueKind.Int64))
                {
                    Fail($"the key '{keys[0].Member}' must be a non-nullable string, int or long");
                    continue;
                }

                var column = columns.FirstOrDefault(c => c.Member == window.Member);
                if (column is null)
                {
                    Fail($"dataset '{dataset.TypeName}' has no member '{window.Member}'");
                    continue;
                }

                if (window.IsNumeric && !(IsNumericKind(column.Kind) || column.Kind == ValueKind.Boolean))
                {
                    Fail($"{window.Aggregate} needs a numeric or bool member, and '{column.Member}' is {column.Kind.ToKeyword("DateTime")}");
                    continue;
                }

                var slot = 0;
                if (window.IsNumeric || window.IsCategorical)
                {
                    var slots = window.IsNumeric ? numeric : categorical;
                    slot = slots.FindIndex(s => s.Member == column.Member);
                    if (slot < 0)
                    {
                        slot = slots.Count;
                        slots.Add(new SlotSpec(column.Member, column.Kind, column.IsNullable));
                    }
                }

                windows.Add(new WindowOutputSpec(window, slot));
            }

            // Joins: both sides time-stamped, keys that match in name or On, and kind.
            var joins = new List<JoinOutputSpec>();
            for (var i = 0; i < featureSet.Joins.Count; i++)
            {
                var join = featureSet.Joins[i];
                void Fail(string message) => problems.Add(new Problem(true, i, join.RowTypeName, message));
                var right = datasets.FirstOrDefault(d => d.RowTypeFullName == join.RowTypeFullName);
                if (right is null)
                {
                    Fail($"dataset '{join.RowTypeName}' is invalid (see its diagnostics)");
                    continue;
                }

                // Dataset names identify DAG nodes, sources (--source NAME=PATH) and snapshots: they must differ.
                if (right.DatasetName == dataset.DatasetName || joins.Any(j => j.DatasetName == right.DatasetName))
                {
                    Fail($"its dataset name \"{right.DatasetName}\" is already used by {(right.DatasetName == dataset.DatasetName ? $"'{dataset.TypeName}'" : "another joined dataset")}; datasets of one pipeline need distinct names");
                    continue;
                }

                if (timestamp is null)
                {
                    Fail($"dataset '{dataset.TypeName}' declares no Timestamp to join as of");
                    continue;
                }

                var rightTimestamp = right.TimestampMember is { } rts ? right.Columns.FirstOrDefault(c => c.Member == rts) : null;
                if (rightTimestamp is null)
                {
                    Fail($"dataset '{right.TypeName}' declares no Timestamp, so 'the latest row at or before' is undefined");
                    continue;
                }

                var rightKeys = right.Columns.Where(c => c.IsKey).ToList();
                if (rightKeys.Count > 1)
                {
                    Fail($"dataset '{right.TypeName}' declares {rightKeys.Count} [Key] members; an as-of join needs at most one");
                    continue;
                }

                if (rightKeys.Count == 0)
                {
                    if (join.On is not null)
                    {
                        Fail($"On = \"{join.On}\" names a key, but dataset '{right.TypeName}' has no [Key] member (it is joined on time alone)");
                        continue;
                    }

                    joins.Add(new JoinOutputSpec(right.DatasetName, right.DatasetClassFullName, right.RowTypeFullName, null, null, ValueKind.Boolean, rightTimestamp.Member, join.LagTicks, join.ToleranceTicks));
                    continue;
                }

                var rightKey = rightKeys[0];
                var leftName = join.On ?? rightKey.Member;
                var leftKey = columns.FirstOrDefault(c => c.Member == leftName);
                if (leftKey is null)
                {
                    Fail(join.On is null
                        ? $"dataset '{dataset.TypeName}' has no member '{leftName}' to match the key of '{right.TypeName}'; name one with On"
                        : $"dataset '{dataset.TypeName}' has no member '{leftName}'");
                    continue;
                }

                if (leftKey.Kind != rightKey.Kind || leftKey.IsNullable || rightKey.IsNullable || rightKey.Kind is not (ValueKind.String or ValueKind.Int32 or ValueKind.Int64))
                {
                    Fail($"'{dataset.TypeName}.{leftKey.Member}' ({KindName(leftKey)}) and the key '{right.TypeName}.{rightKey.Member}' ({KindName(rightKey)}) must have the same non-nullable string, int or long type");
                    continue;
                }

                joins.Add(new JoinOutputSpec(right.DatasetName, right.DatasetClassFullName, right.RowTypeFullName, rightKey.Member, leftKey.Member, rightKey.Kind, rightTimestamp.Member, join.LagTicks, join.ToleranceTicks));
            }

            if (problems.Count > start)
            {
                return null;
            }

            return new TemporalOutputSpec
            {
                TimestampMember = timestamp!.Member,
                KeyMember = windows.Count > 0 ? keys[0].Member : null,
                KeyKind = windows.Count > 0 ? keys[0].Kind : ValueKind.Boolean,
                NumericSlots = numeric.ToEquatableArray(),
                CategoricalSlots = categorical.ToEquatableArray(),
                Windows = windows.ToEquatableArray(),
                Joins = joins.ToEquatableArray(),
            };
        }

        private static bool IsNumericKind(ValueKind kind) =>
            kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Single or ValueKind.Double or ValueKind.Decimal;

        private static string KindName(ColumnSpec column) => column.Kind.ToKeyword("DateTime") + (column.IsNullable ? "?" : "");
    }
}
