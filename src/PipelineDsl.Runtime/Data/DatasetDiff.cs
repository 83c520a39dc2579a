namespace PipelineDsl.Runtime.Data;

/// <summary>
/// What changed between two dataset versions: the schema (columns added, removed, retyped, given another role or
/// nullability), the row count, and per column present in both with the same kind of statistics, how its
/// distribution moved. Made by <see cref="Compare"/>, a pure function of the two profiles.
/// </summary>
/// <param name="DatasetBefore">The earlier version's dataset name.</param>
/// <param name="DatasetAfter">The later version's dataset name.</param>
/// <param name="Rows">The row count, before and after.</param>
/// <param name="SchemaChanges">Removed and changed columns in the earlier schema's order, then added columns in the later one's.</param>
/// <param name="NumericShifts">Numeric columns of both versions, in the later schema's order.</param>
/// <param name="CategoricalShifts">Categorical columns of both versions, in the later schema's order.</param>
/// <param name="DateTimeShifts">Date-time columns of both versions, in the later schema's order.</param>
public sealed record DatasetDiff(
    string DatasetBefore,
    string DatasetAfter,
    StatChange Rows,
    IReadOnlyList<SchemaChange> SchemaChanges,
    IReadOnlyList<NumericShift> NumericShifts,
    IReadOnlyList<CategoricalShift> CategoricalShifts,
    IReadOnlyList<DateTimeShift> DateTimeShifts)
{
    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>.</summary>
    public static DatasetDiff Compare(DatasetProfile before, DatasetProfile after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var numeric = new List<NumericShift>();
        var categorical = new List<CategoricalShift>();
        var dateTime = new List<DateTimeShift>();
        foreach (var later in after.Columns)
        {
            if (before.Column(later.Column) is not { } earlier || earlier.Kind != later.Kind)
            {
                continue;
            }

            switch (later.Kind)
            {
                case ColumnProfileKind.Numeric:
                    numeric.Add(CompareNumeric(earlier, later));
                    break;
                case ColumnProfileKind.Categorical:
                    categorical.Add(CompareCategorical(earlier, later));
                    break;
                default:
                    dateTime.Add(new DateTimeShift(later.Column, earlier.MinTime, later.MinTime, earlier.MaxTime, later.MaxTime, NullRate(earlier, later)));
                    break;
            }
        }

        return new DatasetDiff(
            before.Dataset, after.Dataset, new StatChange("rows", before.Rows, after.Rows), CompareSchemas(before.Schema, after.Schema), numeric, categorical, dateTime);
    }

    /// <summary>Whether anything differs: schema, row count or any column's statistics.</summary>
    public bool Changed =>
        SchemaChanges.Count > 0 || Rows.Changed || NumericShifts.Any(s => s.Changed) || CategoricalShifts.Any(s => s.Changed) || DateTimeShifts.Any(s => s.Changed);

    /// <summary>The schema differences of <paramref name="after"/> from <paramref name="before"/>, columns matched by header.</summary>
    public static IReadOnlyList<SchemaChange> CompareSchemas(IReadOnlyList<SchemaColumn> before, IReadOnlyList<SchemaColumn> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var later = after.ToDictionary(c => c.Header, StringComparer.Ordinal);
        var earlier = before.Select(c => c.Header).ToHashSet(StringComparer.Ordinal);
        var changes = new List<SchemaChange>();
        foreach (var column in before)
        {
            if (!later.TryGetValue(column.Header, out var now))
            {
                changes.Add(new SchemaChange(SchemaChangeKind.Removed, column.Header, column.Type.ToString(), null));
                continue;
            }

            if (column.Type != now.Type)
            {
                changes.Add(new SchemaChange(SchemaChangeKind.TypeChanged, column.Header, column.Type.ToString(), now.Type.ToString()));
            }

            if (column.Role != now.Role)
            {
                changes.Add(new SchemaChange(SchemaChangeKind.RoleChanged, column.Header, column.Role.ToString(), now.Role.ToString()));
            }

            if (column.Nullable != now.Nullable)
            {
                changes.Add(new SchemaChange(SchemaChangeKind.NullabilityChanged, column.Header, Nullability(column), Nullability(now)));
            }
        }

        changes.AddRange(after.Where(c => !earlier.Contains(c.Header)).Select(c => new SchemaChange(SchemaChangeKind.Added, c.Header, null, c.Type.ToString())));
        return changes;
    }

    private static string Nullability(SchemaColumn column) => column.Nullable ? "nullable" : "required";

    private static StatChange NullRate(ColumnProfile before, ColumnProfile after) => new("null_rate", before.NullRate, after.NullRate);

    private static NumericShift CompareNumeric(ColumnProfile before, ColumnProfile after)
    {
        var stats = new List<StatChange> { NullRate(before, after) };
        if (before.Mean is not { } mean1 || after.Mean is not { } mean2)
        {
            return new NumericShift(after.Column, stats, null);
        }

        stats.Add(new StatChange("mean", mean1, mean2));
        stats.Add(new StatChange("std", before.Std!.Value, after.Std!.Value));
        stats.Add(new StatChange("min", before.Min!.Value, after.Min!.Value));
        stats.Add(new StatChange("max", before.Max!.Value, after.Max!.Value));
        foreach (var quantile in before.Quantiles)
        {
            if (after.Quantile(quantile.Name) is { } later)
            {
                stats.Add(new StatChange(quantile.Name, quantile.Value, later));
            }
        }

        var std1 = before.Std!.Value;
        double? shift = mean1.Equals(mean2) ? 0.0 : std1 > 0 ? (mean2 - mean1) / std1 : null;
        return new NumericShift(after.Column, stats, shift);
    }

    private static CategoricalShift CompareCategorical(ColumnProfile before, ColumnProfile after)
    {
        var earlier = before.TopValues.ToDictionary(v => v.Value, v => v.Count, StringComparer.Ordinal);
        var later = after.TopValues.ToDictionary(v => v.Value, v => v.Count, StringComparer.Ordinal);
        var values = new List<TopValueChange>();
        foreach (var value in after.TopValues.Select(v => v.Value).Concat(before.TopValues.Select(v => v.Value).Where(v => !later.ContainsKey(v))))
        {
            var inBefore = earlier.TryGetValue(value, out var countBefore);
            var inAfter = later.TryGetValue(value, out var countAfter);
            int? knownBefore = inBefore ? countBefore : before.TopValuesComplete ? 0 : null;
            int? knownAfter = inAfter ? countAfter : after.TopValuesComplete ? 0 : null;
            var frequencyBefore = Frequency(knownBefore, before);
            var frequencyAfter = Frequency(knownAfter, after);
            var status = (inBefore, inAfter) switch
            {
                (true, true) => frequencyBefore.Equals(frequencyAfter) ? TopValueStatus.Unchanged : TopValueStatus.Changed,
                (false, _) => before.TopValuesComplete ? TopValueStatus.New : TopValueStatus.EnteredTop,
                (_, false) => after.TopValuesComplete ? TopValueStatus.Vanished : TopValueStatus.LeftTop,
            };
            values.Add(new TopValueChange(value, status, knownBefore, knownAfter, frequencyBefore, frequencyAfter));
        }

        var ordered = values
            .OrderBy(v => v.Status switch
            {
                TopValueStatus.New => 0,
                TopValueStatus.Vanished => 1,
                TopValueStatus.EnteredTop => 2,
                TopValueStatus.LeftTop => 3,
                TopValueStatus.Changed => 4,
                _ => 5,
            })
            .ThenByDescending(v => v.FrequencyDelta is { } delta ? Math.Abs(delta) : 0.0)
            .ThenBy(v => v.Value, StringComparer.Ordinal)
            .ToArray();
        return new CategoricalShift(after.Column, before.DistinctCount, after.DistinctCount, NullRate(before, after), ordered);
    }

    private static double? Frequency(int? count, ColumnProfile profile) =>
        count is not { } known ? null : profile.ValueCount == 0 ? 0.0 : (double)known / profile.ValueCount;
}
