using System.Text;

namespace PipelineDsl.IntegrationTests.Serving;

/// <summary>Prediction request bodies made from rows of the churn CSV: each header becomes a field, values as written.</summary>
internal static class ChurnRequests
{
    private static readonly Lazy<(string[] Header, string[][] Rows)> Csv = new(() =>
    {
        var lines = File.ReadAllLines(SampleData.Churn);
        return (lines[0].Split(',').Select(h => h.Trim('"')).ToArray(), lines.Skip(1).Select(l => l.Split(',')).ToArray());
    });

    public static int Count => Csv.Value.Rows.Length;

    /// <summary>Row <paramref name="index"/> (0-based, in file order) as a JSON body without the label, with overrides.</summary>
    public static string Body(int index, IReadOnlyDictionary<string, string>? overrides = null, bool includeLabel = false)
    {
        var (header, rows) = Csv.Value;
        var row = rows[index];
        var json = new StringBuilder("{");
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i] == "churn" && !includeLabel)
            {
                continue;
            }

            var raw = overrides is not null && overrides.TryGetValue(header[i], out var replaced) ? replaced : JsonValue(row[i]);
            if (json.Length > 1)
            {
                json.Append(',');
            }

            json.Append('"').Append(header[i]).Append("\":").Append(raw);
        }

        return json.Append('}').ToString();
    }

    private static string JsonValue(string cell)
    {
        var text = cell.Trim('"');
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) && !cell.StartsWith('"')
            ? text
            : "\"" + text + "\"";
    }
}
