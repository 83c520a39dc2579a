using PipelineDsl.Runtime.Data;

namespace PipelineDsl.Runtime.Tests.Data;

public class CsvRecordReaderTests
{
    private static CsvRecordReader Reader(string text, char delimiter = ',') => new(new StringReader(text), "test.csv", delimiter);

    private static List<string[]> ReadAll(CsvRecordReader reader)
    {
        var records = new List<string[]>();
        while (reader.ReadRecord())
        {
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader[i].ToString();
            }

            records.Add(fields);
        }

        return records;
    }

    [Fact]
    public void Reads_header_and_plain_records()
    {
        using var reader = Reader("a,b,c\n1,2,3\n4,5,6\n");
        Assert.Equal(["a", "b", "c"], reader.Header);
        var records = ReadAll(reader);
        Assert.Equal(2, records.Count);
        Assert.Equal(["4", "5", "6"], records[1]);
    }

    [Fact]
    public void Quoted_fields_keep_delimiters_and_doubled_quotes()
    {
        using var reader = Reader("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n");
        var records = ReadAll(reader);
        Assert.Equal(["x, y", "say \"hi\""], records[0]);
    }

    [Fact]
    public void Crlf_line_endings_and_line_numbers()
    {
        using var reader = Reader("a,b\r\n1,2\r\n3,4\r\n");
        Assert.True(reader.ReadRecord());
        Assert.Equal(2, reader.LineNumber);
        Assert.Equal("2", reader[1].ToString());
        Assert.True(reader.ReadRecord());
        Assert.Equal(3, reader.LineNumber);
        Assert.Equal("4", reader[1].ToString());
        Assert.False(reader.ReadRecord());
    }

    [Fact]
    public void Quoted_newline_stays_in_the_field_and_advances_line_numbers()
    {
        using var reader = Reader("a,b\n\"line1\nline2\",x\ny,z\n");
        Assert.True(reader.ReadRecord());
        Assert.Equal(2, reader.LineNumber);
        Assert.Equal("line1\nline2", reader[0].ToString());
        Assert.True(reader.ReadRecord());
        Assert.Equal(4, reader.LineNumber);
        Assert.Equal("y", reader[0].ToString());
    }

    [Fact]
    public void Last_record_without_newline_and_blank_lines_skipped()
    {
        using var reader = Reader("a\n1\n\n2");
        var records = ReadAll(reader);
        Assert.Equal(2, records.Count);
        Assert.Equal("2", records[1][0]);
    }

    [Fact]
    public void Unterminated_quote_is_an_error_naming_the_line()
    {
        using var reader = Reader("a,b\n1,2\n\"open,3\n");
        Assert.True(reader.ReadRecord());
        var error = Assert.Throws<InvalidDataException>(() => reader.ReadRecord());
        Assert.Contains("test.csv:3", error.Message);
        Assert.Contains("quoted field", error.Message);
    }

    [Fact]
    public void Duplicate_header_is_rejected()
    {
        var error = Assert.Throws<InvalidDataException>(() => Reader("a,b,a\n1,2,3\n"));
        Assert.Contains("'a'", error.Message);
        Assert.Contains("test.csv:1", error.Message);
    }

    [Fact]
    public void Empty_file_is_rejected()
    {
        Assert.Throws<InvalidDataException>(() => Reader(string.Empty));
    }

    [Fact]
    public void FindColumn_is_exact_first_then_normalized()
    {
        using var reader = Reader("Total Charges,total_charges,Customer-ID,x.y\n");
        Assert.Equal(1, reader.FindColumn("total_charges"));
        Assert.Equal(0, reader.FindColumn("Total Charges"));
        Assert.Equal(2, reader.FindColumn("customerId"));
        Assert.Equal(3, reader.FindColumn("XY"));
        Assert.Equal(-1, reader.FindColumn("missing"));
    }

    [Fact]
    public void Other_delimiters_work()
    {
        using var reader = Reader("a;b\n1;\"2;3\"\n", ';');
        var records = ReadAll(reader);
        Assert.Equal(["1", "2;3"], records[0]);
    }

    [Fact]
    public void Long_records_grow_the_buffer()
    {
        var longValue = new string('x', 5000);
        using var reader = Reader("a,b\n" + longValue + ",1\n");
        var records = ReadAll(reader);
        Assert.Equal(longValue, records[0][0]);
        Assert.Equal("1", records[0][1]);
    }
}
