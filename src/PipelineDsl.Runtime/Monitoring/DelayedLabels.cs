using System.Globalization;
using System.Text.Json;
using PipelineDsl.Runtime.Data;

namespace PipelineDsl.Runtime.Monitoring;

/// <summary>
/// Outcomes that arrive after the prediction: <c>labels ingest FILE</c> appends them to <c>labels.jsonl</c> beside the
/// prediction log, and monitoring joins them to logged predictions by prediction id (the id every <c>/predict</c>
/// answer carries). The file is a CSV with a <c>prediction_id</c> column and a <c>label</c> column (true/false,
/// yes/no, 1/0 or a number). A bad line is reported with its line number and left out; the rest is kept.
/// </summary>
public static class DelayedLabels
{
    /// <summary>The file labels are appended to, in the prediction log folder.</summary>
    public const string FileName = "labels.jsonl";

    /// <summary>Appends the labels of <paramref name="csvPath"/> to the folder's label file; returns how many were stored and the refused lines.</summary>
    public static (int Stored, IReadOnlyList<string> Refused) Ingest(string logDirectory, string csvPath)
    {
        using var csv = new CsvRecordReader(csvPath, ',');
        var id = csv.FindColumn("prediction_id");
        var label = csv.FindColumn("label");
        if (id < 0 || label < 0)
        {
            throw new InvalidDataException($"{csvPath}: needs the columns prediction_id and label; the file has: {string.Join(", ", csv.Header)}");
        }

        Directory.CreateDirectory(logDirectory);
        var refused = new List<string>();
        var stored = 0;
        var now = DateTime.UtcNow;
        using var output = new FileStream(Path.Combine(logDirectory, FileName), FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new Utf8JsonWriter(output);
        while (csv.ReadRecord())
        {
            var predictionId = csv[id].ToString().Trim();
            if (predictionId.Length == 0 || !TryParseLabel(csv[label], out var value))
            {
                refused.Add($"{csvPath}:{csv.LineNumber}: column '{csv.Header[predictionId.Length == 0 ? id : label]}': " +
                    (predictionId.Length == 0 ? "a prediction id is required" : CellParser.Excerpt(csv[label]) + " is not a label"));
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("predictionId", predictionId);
            writer.WriteNumber("label", value);
            writer.WriteString("ingestedAt", now);
            writer.WriteEndObject();
            writer.Flush();
            writer.Reset();
            output.WriteByte((byte)'\n');
            stored++;
        }

        return (stored, refused);
    }

    /// <summary>The labels stored for the folder's predictions, by prediction id (a later label replaces an earlier one).</summary>
    public static IReadOnlyDictionary<string, double> Read(string logDirectory)
    {
        var labels = new Dictionary<string, double>(StringComparer.Ordinal);
        var path = Path.Combine(logDirectory, FileName);
        if (!File.Exists(path))
        {
            return labels;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(line);
                labels[json.RootElement.GetProperty("predictionId").GetString()!] = json.RootElement.GetProperty("label").GetDouble();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // A torn last line of an interrupted ingest: the labels before it stand.
            }
        }

        return labels;
    }

    private static bool TryParseLabel(ReadOnlySpan<char> cell, out double value)
    {
        if (CellParser.TryParseBoolean(cell, out var flag))
        {
            value = flag ? 1 : 0;
            return true;
        }

        return CellParser.TryParseDouble(cell, out value) && double.IsFinite(value);
    }
}
