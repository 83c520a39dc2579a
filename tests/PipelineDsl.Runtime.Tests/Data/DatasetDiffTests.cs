using PipelineDsl.Runtime.Data;

namespace PipelineDsl.Runtime.Tests.Data;

/// <summary>Diffs of profiles computed from small CSVs, with hand-computed expectations (sample standard deviation).</summary>
public class DatasetDiffTests
{
    private static ColumnDefinition Column(string header, ColumnType type, ColumnRole role = ColumnRole.None, bool nullable = false) =>
        new(header, header, type, nullable, role, !nullable, null, null, null);

    private static readonly ColumnDefinition[] BeforeColumns =
    [
        Column("id", ColumnType.Int32, ColumnRole.Key),
        Column("amount", ColumnType.Double),
        Column("count", ColumnType.Int32),
        Column("segment", ColumnType.String),
        Column("legacy", ColumnType.String),
    ];

    private static readonly ColumnDefinition[] AfterColumns =
    [
        Column("id", ColumnType.Int32, ColumnRole.Key),
        Column("amount", ColumnType.Double),
        Column("count", ColumnType.Double),
        Column("segment", ColumnType.String),
        Column("region", ColumnType.String),
    ];

    private const string BeforeCsv =
        "id,amount,count,segment,legacy\n" +
        "1,10,1,a,x\n" +
        "2,20,2,a,y\n" +
        "3,30,3,b,x\n" +
        "4,40,4,b,y\n";

    // amount + 10 on the first four rows, and a fifth row at the new mean: mean 25 -> 35.
    private const string AfterCsv =
        "id,amount,count,segment,region\n" +
        "1,20,1,a,n\n" +
        "2,30,2,a,n\n" +
        "3,40,3,c,s\n" +
        "4,50,4,c,s\n" +
        "5,35,5,c,s\n";

    private static DatasetProfile Profile(string csv, IReadOnlyList<ColumnDefinition> columns) =>
        ColumnProfiler.Profile(new StringReader(csv), "test.csv", "d", columns);

    private static DatasetDiff Diff() => DatasetDiff.Compare(Profile(BeforeCsv, BeforeColumns), Profile(AfterCsv, AfterColumns));

    [Fact]
    public void Reports_added_removed_and_retyped_columns()
    {
        var changes = Diff().SchemaChanges;

        Assert.Equal(
            [
                new SchemaChange(SchemaChangeKind.TypeChanged, "count", "Int32", "Double"),
                new SchemaChange(SchemaChangeKind.Removed, "legacy", "String", null),
                new SchemaChange(SchemaChangeKind.Added, "region", null, "String"),
            ],
            changes);
    }

    [Fact]
    public void Reports_role_and_nullability_changes()
    {
        SchemaColumn[] before = [new("y", "Y", ColumnType.Double, ColumnRole.None, false)];
        SchemaColumn[] after = [new("y", "Y", ColumnType.Double, ColumnRole.Label, true)];

        var changes = DatasetDiff.CompareSchemas(before, after);

        Assert.Equal(
            [
                new SchemaChange(SchemaChangeKind.RoleChanged, "y", "None", "Label"),
                new SchemaChange(SchemaChangeKind.NullabilityChanged, "y", "required", "nullable"),
            ],
            changes);
    }

    [Fact]
    public void Reports_the_row_count_change()
    {
        var diff = Diff();

        Assert.Equal(4, diff.Rows.Before);
        Assert.Equal(5, diff.Rows.After);
        Assert.Equal(1, diff.Rows.Delta);
        Assert.True(diff.Changed);
    }

    [Fact]
    public void Reports_the_mean_shift_in_units_of_the_earlier_std()
    {
        var amount = Diff().NumericShifts.Single(s => s.Column == "amount");

        // Before: 10, 20, 30, 40: mean 25, squared deviations 225 + 25 + 25 + 225 = 500, std sqrt(500 / 3).
        // After: 20, 30, 40, 50, 35: mean 35, squared deviations 225 + 25 + 25 + 225 + 0 = 500, std sqrt(500 / 4).
        var std1 = Math.Sqrt(500.0 / 3);
        Assert.Equal(new StatChange("mean", 25, 35), amount.Stat("mean"));
        Assert.Equal(std1, amount.Stat("std")!.Before, 1e-12);
        Assert.Equal(Math.Sqrt(125), amount.Stat("std")!.After, 1e-12);
        Assert.Equal(10 / std1, amount.StandardizedMeanShift!.Value, 1e-12);
        Assert.Equal(new StatChange("min", 10, 20), amount.Stat("min"));
        Assert.Equal(new StatChange("max", 40, 50), amount.Stat("max"));

        // p50: before h = 1.5 -> 20 + 0.5 * 10 = 25; after (sorted 20, 30, 35, 40, 50) h = 2 -> 35.
        Assert.Equal(new StatChange("p50", 25, 35), amount.Stat("p50"));
        Assert.Equal(new StatChange("null_rate", 0, 0), amount.Stat("null_rate"));
        Assert.Equal(
            ["null_rate", "mean", "std", "min", "max", "p01", "p05", "p25", "p50", "p75", "p95", "p99"],
            amount.Stats.Select(s => s.Name));
        Assert.True(amount.Changed);
    }

    [Fact]
    public void Compares_a_retyped_column_whose_statistics_are_still_numeric()
    {
        var diff = Diff();

        Assert.Equal(["id", "amount", "count"], diff.NumericShifts.Select(s => s.Column));
        Assert.DoesNotContain(diff.CategoricalShifts, s => s.Column is "legacy" or "region");
    }

    [Fact]
    public void Reports_new_vanished_and_changed_top_values()
    {
        var segment = Diff().CategoricalShifts.Single(s => s.Column == "segment");

        // Before a 2/4, b 2/4 (every value listed); after a 2/5, c 3/5 (every value listed).
        Assert.Equal(2, segment.DistinctBefore);
        Assert.Equal(2, segment.DistinctAfter);
        Assert.Equal(
            [
                new TopValueChange("c", TopValueStatus.New, 0, 3, 0.0, 0.6),
                new TopValueChange("b", TopValueStatus.Vanished, 2, 0, 0.5, 0.0),
                new TopValueChange("a", TopValueStatus.Changed, 2, 2, 0.5, 0.4),
            ],
            segment.Values);
        Assert.True(segment.Changed);
    }

    [Fact]
    public void Values_outside_an_incomplete_top_list_are_unknown_not_new()
    {
        var before = new ColumnProfile("v", ColumnProfileKind.Categorical, 100, 0)
        {
            DistinctCount = 30,
            TopValues = [new ValueCount("x", 50), new ValueCount("y", 10)],
        };
        var after = new ColumnProfile("v", ColumnProfileKind.Categorical, 100, 0)
        {
            DistinctCount = 30,
            TopValues = [new ValueCount("x", 50), new ValueCount("z", 12)],
        };
        SchemaColumn[] schema = [new("v", "V", ColumnType.String, ColumnRole.None, false)];

        var shift = DatasetDiff.Compare(new DatasetProfile("d", 100, schema, [before]), new DatasetProfile("d", 100, schema, [after])).CategoricalShifts.Single();

        Assert.Equal(
            [
                new TopValueChange("z", TopValueStatus.EnteredTop, null, 12, null, 0.12),
                new TopValueChange("y", TopValueStatus.LeftTop, 10, null, 0.1, null),
                new TopValueChange("x", TopValueStatus.Unchanged, 50, 50, 0.5, 0.5),
            ],
            shift.Values);
    }

    [Fact]
    public void The_same_profile_has_no_differences()
    {
        var profile = Profile(BeforeCsv, BeforeColumns);

        var diff = DatasetDiff.Compare(profile, profile);

        Assert.False(diff.Changed);
        Assert.Empty(diff.SchemaChanges);
        Assert.All(diff.NumericShifts, s => Assert.Equal(0.0, s.StandardizedMeanShift));
        Assert.All(diff.CategoricalShifts, s => Assert.All(s.Values, v => Assert.Equal(TopValueStatus.Unchanged, v.Status)));
    }

    [Fact]
    public void A_constant_column_that_moves_has_no_standardized_shift()
    {
        ColumnDefinition[] columns = [Column("k", ColumnType.Double)];

        var diff = DatasetDiff.Compare(Profile("k\n3\n3\n", columns), Profile("k\n4\n4\n", columns));

        var shift = diff.NumericShifts.Single();
        Assert.Null(shift.StandardizedMeanShift);
        Assert.Equal(1.0, shift.Stat("mean")!.Delta);
    }

    [Fact]
    public void Null_rates_and_date_ranges_are_compared()
    {
        ColumnDefinition[] columns = [Column("x", ColumnType.Double, nullable: true), Column("when", ColumnType.DateTime)];

        var diff = DatasetDiff.Compare(
            Profile("x,when\n1,2024-01-01\n2,2024-01-02\n", columns),
            Profile("x,when\nNA,2024-01-01\n2,2024-03-01\n", columns));

        Assert.Equal(new StatChange("null_rate", 0, 0.5), diff.NumericShifts.Single().Stat("null_rate"));
        var when = diff.DateTimeShifts.Single();
        Assert.Equal(when.MinBefore, when.MinAfter);
        Assert.Equal(new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), when.MaxBefore);
        Assert.Equal(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), when.MaxAfter);
        Assert.True(when.Changed);
    }
}
