using System.Globalization;
using System.Text.Json;

namespace PipelineDsl.Runtime.Monitoring;

/// <summary>
/// Reads the prediction log that <c>serve</c> writes (<c>predictions-yyyyMMdd-HH.jsonl</c>, one JSON object per scored
/// row), oldest file first. Shadow comparisons are skipped: they were never answers. A line that is not a log entry
/// (a torn last line of a killed server) is counted and skipped, with the file and line number, never fatal. Log files
/// in subfolders (one per replica) are read too; entries are put in time order.
/// </summary>
public static class PredictionLogReader
{
    /// <summary>The entries of every log file in <paramref name="directory"/> with a timestamp at or after <paramref name="since"/>.</summary>
    public static PredictionLogRead Read(string directory, IReadOnlyList<string> featureNames, DateTime? since = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"no prediction log at {directory}: serve writes one there (or pass --log DIR)");
        }

        var index = featureNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var entries = new List<LoggedPrediction>();
        var skipped = new List<string>();
        // Replicas each log to a folder of their own below the log folder: read them all.
        foreach (var file in Directory.GetFiles(directory, "predictions-*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                if (line.Length == 0)
                {
                    continue;
                }

                var entry = Parse(line, index);
                if (entry is null)
                {
                    if (skipped.Count < 20)
                    {
                        skipped.Add($"{file}:{number}: not a prediction log entry");
                    }

                    continue;
                }

                if (entry.Arm != "shadow" && (since is null || entry.Timestamp >= since))
                {
                    entries.Add(entry);
                }
            }
        }

        entries.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return new PredictionLogRead(entries, skipped);
    }

    private static LoggedPrediction? Parse(string line, Dictionary<string, int> index)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var features = new float[index.Count];
            Array.Fill(features, float.NaN);
            foreach (var property in root.GetProperty("features").EnumerateObject())
            {
                if (index.TryGetValue(property.Name, out var i) && property.Value.ValueKind == JsonValueKind.Number)
                {
                    features[i] = property.Value.GetSingle();
                }
            }

            var prediction = root.TryGetProperty("probability", out var p) && p.ValueKind == JsonValueKind.Number
                ? p.GetDouble()
                : root.GetProperty("score").GetDouble();
            return new LoggedPrediction(
                root.GetProperty("ts").GetDateTime().ToUniversalTime(),
                root.GetProperty("predictionId").GetString() ?? "",
                root.GetProperty("version").GetInt32(),
                root.GetProperty("arm").GetString() ?? "",
                features,
                prediction,
                root.GetProperty("input").Clone());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>What <see cref="PredictionLogReader.Read"/> found: the entries in time order, and the lines it could not read.</summary>
public sealed record PredictionLogRead(IReadOnlyList<LoggedPrediction> Entries, IReadOnlyList<string> Skipped);
