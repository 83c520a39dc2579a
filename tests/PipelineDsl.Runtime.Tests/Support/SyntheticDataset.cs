using PipelineDsl.Runtime.Data;

namespace PipelineDsl.Runtime.Tests.Support;

/// <summary>What the generator would emit for <see cref="SyntheticRow"/>: a typed reader and validator, no reflection.</summary>
public sealed class SyntheticDataset(string? defaultSource = null, bool hasTimestamp = false, bool regression = false) : DatasetDefinition<SyntheticRow>
{
    private static readonly string[] Segments = ["a", "b", "c"];

    public override string Name => "Synthetic";

    public override string? DefaultSource => defaultSource;

    public override char Delimiter => ',';

    public override IReadOnlyList<ColumnDefinition> Columns { get; } =
    [
        new("Id", "id", ColumnType.Int32, false, ColumnRole.Key, true, null, null, null),
        new("X1", "x1", ColumnType.Double, false, ColumnRole.None, true, -100, 100, null),
        new("X2", "x2", ColumnType.Double, false, ColumnRole.None, true, null, null, null),
        new("Segment", "segment", ColumnType.String, false, ColumnRole.None, true, null, null, Segments),
        new("Churned", "churned", ColumnType.Boolean, false, ColumnRole.Label, true, null, null, null),
        new("Amount", "amount", ColumnType.Double, false, ColumnRole.None, true, null, null, null),
        new("When", "when", ColumnType.DateTime, false, ColumnRole.Timestamp, true, null, null, null),
    ];

    public override string SchemaHash => "schema-hash-synthetic-1";

    public override bool HasTimestamp => hasTimestamp;

    public override string LabelMember => regression ? "Amount" : "Churned";

    public override DatasetLoadResult<SyntheticRow> ReadCsv(string path, int maxReportedErrors = DataErrorCollector.DefaultMaxReported)
    {
        var errors = new DataErrorCollector(path, maxReportedErrors);
        var rows = new List<SyntheticRow>();
        var lines = new List<int>();
        using var reader = new CsvRecordReader(path, Delimiter);
        var columns = new int[Columns.Count];
        var missingHeader = false;
        for (var c = 0; c < Columns.Count; c++)
        {
            columns[c] = reader.FindColumn(Columns[c].Header);
            if (columns[c] < 0)
            {
                errors.Add(1, Columns[c].Header, "header", "column not found in the header");
                missingHeader = true;
            }
        }

        if (missingHeader)
        {
            return new DatasetLoadResult<SyntheticRow>(path, [], [], errors.ToReport());
        }

        while (reader.ReadRecord())
        {
            if (reader.FieldCount != reader.Header.Count)
            {
                errors.Add(reader.LineNumber, "*", "shape", $"{reader.FieldCount} fields; expected {reader.Header.Count}");
                continue;
            }

            var ok = true;
            int id = 0;
            double x1 = 0, x2 = 0, amount = 0;
            bool churned = false;
            DateTime when = default;
            if (!CellParser.TryParseInt32(reader[columns[0]], out id)) { Bad(0); }
            if (!CellParser.TryParseDouble(reader[columns[1]], out x1)) { Bad(1); }
            if (!CellParser.TryParseDouble(reader[columns[2]], out x2)) { Bad(2); }
            var segment = reader[columns[3]].Trim().ToString();
            if (!CellParser.TryParseBoolean(reader[columns[4]], out churned)) { Bad(4); }
            if (!CellParser.TryParseDouble(reader[columns[5]], out amount)) { Bad(5); }
            if (!CellParser.TryParseDateTime(reader[columns[6]], out when)) { Bad(6); }
            if (ok)
            {
                rows.Add(new SyntheticRow(id, x1, x2, segment, churned, amount, when));
                lines.Add(reader.LineNumber);
            }

            void Bad(int c)
            {
                ok = false;
                errors.Add(reader.LineNumber, Columns[c].Header, "type", $"{CellParser.Excerpt(reader[columns[c]])} is not a {Columns[c].Type}");
            }
        }

        return new DatasetLoadResult<SyntheticRow>(path, rows.ToArray(), lines.ToArray(), errors.ToReport());
    }

    public override void Validate(ReadOnlySpan<SyntheticRow> rows, ReadOnlySpan<int> lineNumbers, DataErrorCollector errors)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i].X1 is < -100 or > 100)
            {
                errors.Add(lineNumbers[i], "x1", "range", $"{rows[i].X1} is outside [-100, 100]");
            }

            if (Array.IndexOf(Segments, rows[i].Segment) < 0)
            {
                errors.Add(lineNumbers[i], "segment", "categories", $"'{rows[i].Segment}' is not one of a, b, c");
            }
        }
    }

    /// <summary>The runtime tests never serve this dataset; the generated datasets' JSON readers are tested in the generator tests.</summary>
    public override bool TryReadJson(ref System.Text.Json.Utf8JsonReader reader, ICollection<FieldError> errors, out SyntheticRow row) =>
        throw new NotSupportedException("the synthetic test dataset has no JSON request reader");

    public override float GetLabel(SyntheticRow row) => regression ? (float)row.Amount : row.Churned ? 1f : 0f;

    public override DateTime GetTimestamp(SyntheticRow row) => hasTimestamp ? row.When : DateTime.MinValue;
}
