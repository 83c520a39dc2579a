using PipelineDsl.Runtime.Data;

namespace PipelineDsl.Runtime.Tests.Data;

public class CellParserTests
{
    [Theory]
    [InlineData("", true)]
    [InlineData("  ", true)]
    [InlineData("NA", true)]
    [InlineData("N/A", true)]
    [InlineData("null", true)]
    [InlineData("0", false)]
    [InlineData("x", false)]
    public void IsMissing(string cell, bool expected) => Assert.Equal(expected, CellParser.IsMissing(cell));

    [Fact]
    public void Numbers_are_culture_invariant()
    {
        Assert.True(CellParser.TryParseDouble(" 1.5 ", out var d));
        Assert.Equal(1.5, d);
        Assert.True(CellParser.TryParseDouble("1e3", out d));
        Assert.Equal(1000, d);
        Assert.False(CellParser.TryParseDouble("1,5", out _));
        Assert.True(CellParser.TryParseSingle("-2.25", out var f));
        Assert.Equal(-2.25f, f);
        Assert.True(CellParser.TryParseInt32("42", out var i));
        Assert.Equal(42, i);
        Assert.False(CellParser.TryParseInt32("4.2", out _));
        Assert.True(CellParser.TryParseInt64("9000000000", out var l));
        Assert.Equal(9_000_000_000L, l);
        Assert.True(CellParser.TryParseDecimal("12.34", out var m));
        Assert.Equal(12.34m, m);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("Yes", true)]
    [InlineData("y", true)]
    [InlineData("1", true)]
    [InlineData("FALSE", false)]
    [InlineData("no", false)]
    [InlineData("0", false)]
    public void Booleans(string cell, bool expected)
    {
        Assert.True(CellParser.TryParseBoolean(cell, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Bad_boolean_fails() => Assert.False(CellParser.TryParseBoolean("maybe", out _));

    [Fact]
    public void Dates_are_iso_and_utc()
    {
        Assert.True(CellParser.TryParseDateTime("2024-03-01", out var date));
        Assert.Equal(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), date);
        Assert.Equal(DateTimeKind.Utc, date.Kind);
        Assert.True(CellParser.TryParseDateTime("2024-03-01T10:00:00+02:00", out date));
        Assert.Equal(new DateTime(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc), date);
        Assert.False(CellParser.TryParseDateTime("03/01/2024", out _));
    }

    [Fact]
    public void Excerpt_truncates_long_cells()
    {
        Assert.Equal("'abc'", CellParser.Excerpt("abc"));
        var excerpt = CellParser.Excerpt(new string('z', 100));
        Assert.EndsWith("...'", excerpt);
        Assert.Equal(42, excerpt.Length);
    }
}
