using PipelineDsl.Runtime.Data;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Data;

/// <summary>
/// Hand-computed expectations. Standard deviation is the sample one (n - 1 in the denominator); quantiles are
/// Hyndman and Fan type 7: with h = (n - 1) p, x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]), 0-based.
/// </summary>
public class ColumnProfilerTests
{
    private const double Tolerance = 1e-12;

    private static readonly ColumnDefinition[] Columns =
    [
        new("Id", "id", ColumnType.Int32, false, ColumnRole.Key, true, null, null, null),
        new("X", "x", ColumnType.Double, true, ColumnRole.None, false, null, null, null),
        new("Flag", "flag", ColumnType.Boolean, false, ColumnRole.Label, true, null, null, null),
        new("City", "city", ColumnType.String, true, ColumnRole.None, false, null, null, null),
        new("When", "when", ColumnType.DateTime, true, ColumnRole.Timestamp, false, null, null, null),
    ];

    private const string Csv =
        "id,x,flag,city,when\n" +
        "1,1,yes,NY,2024-01-03\n" +
        "2,2,no,NY,2024-01-01\n" +
        "3,3,yes,LA,\n" +
        "4,4,no,,2024-02-10T12:30:00\n" +
        "5,NA,yes,NY,2024-01-05\n" +
        "6,10,y,SF,2024-01-02\n";

    private static DatasetProfile Profile(string csv, IReadOnlyList<ColumnDefinition>? columns = null, char delimiter = ',') =>
        ColumnProfiler.Profile(new StringReader(csv), "test.csv", "d", columns ?? Columns, delimiter);

    [Fact]
    public void Numeric_column_has_count_nulls_mean_sample_std_min_max_and_type_7_quantiles()
    {
        var profile = Profile(Csv);

        Assert.Equal("d", profile.Dataset);
        Assert.Equal(6, profile.Rows);
        var x = profile.Column("x")!;
        Assert.Equal(ColumnProfileKind.Numeric, x.Kind);
        Assert.Equal(6, x.Rows);
        Assert.Equal(1, x.NullCount);
        Assert.Equal(0, x.InvalidCount);
        Assert.Equal(5, x.ValueCount);
        Assert.Equal(1.0 / 6, x.NullRate, Tolerance);

        // Values 1, 2, 3, 4, 10: mean 20 / 5 = 4; squared deviations 9 + 4 + 1 + 0 + 36 = 50; 50 / (5 - 1) = 12.5.
        Assert.Equal(4.0, x.Mean!.Value, Tolerance);
        Assert.Equal(Math.Sqrt(12.5), x.Std!.Value, Tolerance);
        Assert.Equal(1.0, x.Min);
        Assert.Equal(10.0, x.Max);

        // h = 4p: p01 -> 1 + 0.04 * 1, p05 -> 1 + 0.2 * 1, p25 -> x[1], p50 -> x[2], p75 -> x[3], p95 -> 4 + 0.8 * 6, p99 -> 4 + 0.96 * 6.
        Assert.Equal(["p01", "p05", "p25", "p50", "p75", "p95", "p99"], x.Quantiles.Select(q => q.Name));
        double[] expected = [1.04, 1.2, 2, 3, 4, 8.8, 9.76];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], x.Quantiles[i].Value, 1e-9);
        }

        Assert.Equal(8.8, x.Quantile("p95")!.Value, 1e-9);
        Assert.Empty(x.TopValues);
        Assert.Null(x.DistinctCount);
    }

    [Fact]
    public void Integer_column_interpolates_between_order_statistics()
    {
        var id = Profile(Csv).Column("id")!;

        // 1..6: mean 3.5; squared deviations 6.25 + 2.25 + 0.25 + 0.25 + 2.25 + 6.25 = 17.5; 17.5 / 5 = 3.5.
        Assert.Equal(3.5, id.Mean!.Value, Tolerance);
        Assert.Equal(Math.Sqrt(3.5), id.Std!.Value, Tolerance);

        // h = 5p: p50 -> h 2.5 -> 3 + 0.5; p25 -> h 1.25 -> 2 + 0.25; p99 -> h 4.95 -> 5 + 0.95.
        Assert.Equal(3.5, id.Quantile("p50")!.Value, 1e-9);
        Assert.Equal(2.25, id.Quantile("p25")!.Value, 1e-9);
        Assert.Equal(5.95, id.Quantile("p99")!.Value, 1e-9);
        Assert.Equal(0, id.NullCount);
    }

    [Fact]
    public void Boolean_column_is_numeric_true_one_false_zero_parsed_like_the_reader()
    {
        var flag = Profile(Csv).Column("flag")!;

        // yes, no, yes, no, yes, y -> 1, 0, 1, 0, 1, 1: mean 4/6; squared deviations 4 (1/3)^2 + 2 (2/3)^2 = 4/3; / 5.
        Assert.Equal(ColumnProfileKind.Numeric, flag.Kind);
        Assert.Equal(4.0 / 6, flag.Mean!.Value, Tolerance);
        Assert.Equal(Math.Sqrt(4.0 / 3 / 5), flag.Std!.Value, Tolerance);
        Assert.Equal(0.0, flag.Min);
        Assert.Equal(1.0, flag.Max);
    }

    [Fact]
    public void String_column_has_distinct_count_and_top_values_by_count_then_value()
    {
        var city = Profile(Csv).Column("city")!;

        Assert.Equal(ColumnProfileKind.Categorical, city.Kind);
        Assert.Equal(1, city.NullCount);
        Assert.Equal(3, city.DistinctCount);
        Assert.Equal([new ValueCount("NY", 3), new ValueCount("LA", 1), new ValueCount("SF", 1)], city.TopValues);
        Assert.True(city.TopValuesComplete);
        Assert.Null(city.Mean);
        Assert.Empty(city.Quantiles);
    }

    [Fact]
    public void Top_values_keep_the_20_most_frequent()
    {
        var columns = new[] { new ColumnDefinition("V", "v", ColumnType.String, false, ColumnRole.None, true, null, null, null) };
        var csv = new System.Text.StringBuilder("v\n");
        for (var value = 0; value < 25; value++)
        {
            // Value k appears k + 1 times: v24 the most often.
            for (var i = 0; i <= value; i++)
            {
                csv.Append('v').Append(value).Append('\n');
            }
        }

        var v = Profile(csv.ToString(), columns).Column("v")!;

        Assert.Equal(25, v.DistinctCount);
        Assert.Equal(ColumnProfiler.TopValueCount, v.TopValues.Count);
        Assert.Equal(new ValueCount("v24", 25), v.TopValues[0]);
        Assert.Equal(new ValueCount("v5", 6), v.TopValues[^1]);
        Assert.False(v.TopValuesComplete);
    }

    [Fact]
    public void DateTime_column_has_min_and_max_in_utc()
    {
        var when = Profile(Csv).Column("when")!;

        Assert.Equal(ColumnProfileKind.DateTime, when.Kind);
        Assert.Equal(1, when.NullCount);
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), when.MinTime);
        Assert.Equal(new DateTime(2024, 2, 10, 12, 30, 0, DateTimeKind.Utc), when.MaxTime);
        Assert.Equal(DateTimeKind.Utc, when.MaxTime!.Value.Kind);
    }

    [Fact]
    public void Schema_lists_the_declared_columns_with_type_role_and_nullability()
    {
        var schema = Profile(Csv).Schema;

        Assert.Equal(["id", "x", "flag", "city", "when"], schema.Select(c => c.Header));
        Assert.Equal(new SchemaColumn("flag", "Flag", ColumnType.Boolean, ColumnRole.Label, false), schema[2]);
        Assert.True(schema[1].Nullable);
        Assert.Equal(ColumnRole.Timestamp, schema[4].Role);
    }

    [Fact]
    public void Cells_that_do_not_parse_or_are_not_finite_are_counted_invalid_and_left_out()
    {
        var columns = new[] { new ColumnDefinition("X", "x", ColumnType.Double, true, ColumnRole.None, false, null, null, null) };

        var x = Profile("x\n1\nabc\n3\nNaN\n\nnull\n", columns).Column("x")!;

        // The blank line is not a row; "null" is a null cell.
        Assert.Equal(5, x.Rows);
        Assert.Equal(1, x.NullCount);
        Assert.Equal(2, x.InvalidCount);
        Assert.Equal(2, x.ValueCount);
        Assert.Equal(2.0, x.Mean);
    }

    [Fact]
    public void Float_members_are_read_as_float_like_the_generated_reader_and_cultures_never_change_numbers()
    {
        var columns = new[]
        {
            new ColumnDefinition("F", "f", ColumnType.Single, false, ColumnRole.None, true, null, null, null),
            new ColumnDefinition("M", "m", ColumnType.Decimal, false, ColumnRole.None, true, null, null, null),
        };

        var profile = Profile("f;m\n0.1;1.5\n0.1;2.5\n", columns, ';');

        Assert.Equal((double)0.1f, profile.Column("f")!.Mean);
        Assert.Equal(2.0, profile.Column("m")!.Mean);
    }

    [Fact]
    public void A_column_with_no_value_has_counts_and_no_statistics()
    {
        var columns = new[] { new ColumnDefinition("X", "x", ColumnType.Double, true, ColumnRole.None, false, null, null, null) };

        var x = Profile("x\nNA\nnull\n", columns).Column("x")!;

        Assert.Equal(2, x.Rows);
        Assert.Equal(2, x.NullCount);
        Assert.Null(x.Mean);
        Assert.Null(x.Std);
        Assert.Empty(x.Quantiles);
    }

    [Fact]
    public void A_single_value_has_zero_std_and_every_quantile_equal_to_it()
    {
        var columns = new[] { new ColumnDefinition("X", "x", ColumnType.Double, false, ColumnRole.None, true, null, null, null) };

        var x = Profile("x\n7.5\n", columns).Column("x")!;

        Assert.Equal(0.0, x.Std);
        Assert.All(x.Quantiles, q => Assert.Equal(7.5, q.Value));
    }

    [Fact]
    public void Headers_are_matched_like_the_generated_reader_matches_them_and_named_as_the_file_names_them()
    {
        var columns = new[] { new ColumnDefinition("TotalDayMinutes", "TotalDayMinutes", ColumnType.Double, false, ColumnRole.None, true, null, null, null) };

        var profile = Profile("\"total_day_minutes\"\n1\n3\n", columns);

        Assert.Equal(2.0, profile.Column("total_day_minutes")!.Mean);
        Assert.Equal(new SchemaColumn("total_day_minutes", "TotalDayMinutes", ColumnType.Double, ColumnRole.None, false), Assert.Single(profile.Schema));
    }

    [Fact]
    public void A_declared_column_missing_from_the_header_is_named_in_the_error()
    {
        var error = Assert.Throws<InvalidDataException>(() => Profile("id,x,flag,city\n1,2,yes,NY\n"));

        Assert.Contains("'when'", error.Message, StringComparison.Ordinal);
        Assert.Contains("test.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_with_the_wrong_number_of_fields_is_named_by_line()
    {
        var error = Assert.Throws<InvalidDataException>(() => Profile("id,x,flag,city,when\n1,2,yes,NY,2024-01-01\n2,3\n"));

        Assert.Contains("test.csv:3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_file_from_disk()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("d.csv");
        File.WriteAllText(path, Csv);

        var profile = ColumnProfiler.Profile(path, "d", Columns);

        Assert.Equal(6, profile.Rows);
        Assert.Equal(4.0, profile.Column("x")!.Mean!.Value, Tolerance);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 10.0)]
    [InlineData(0.5, 3.0)]
    [InlineData(0.95, 8.8)]
    public void Quantile_is_type_7(double level, double expected)
    {
        Assert.Equal(expected, ColumnProfiler.Quantile([1.0, 2, 3, 4, 10], level), 1e-9);
    }
}
