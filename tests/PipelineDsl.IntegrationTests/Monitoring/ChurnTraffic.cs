using System.Globalization;

namespace PipelineDsl.IntegrationTests.Monitoring;

/// <summary>
/// A seeded generator of churn-like traffic for the drift scenarios: rows drawn with replacement from the real
/// mlc_churn file, written in its own format (labels included: they stand for outcomes that arrived later), with
/// (a) no drift, (b) covariate drift in two inputs that feed exactly one feature each (night minutes x1.35, evening
/// calls +20), or (c) concept drift: in a segment, the label no longer follows the features.
/// </summary>
internal static class ChurnTraffic
{
    public enum Drift
    {
        None,
        Covariate,
        ConceptShuffledForNoVoiceMail,
        ConceptInvertedForEveryone,
    }

    private static readonly Lazy<(string Header, string[][] Rows, Dictionary<string, int> Index)> Csv = new(() =>
    {
        var lines = File.ReadAllLines(SampleData.Churn);
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToArray();
        return (lines[0], lines.Skip(1).Select(l => l.Split(',')).ToArray(), header.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => p.i));
    });

    /// <summary>Writes <paramref name="rows"/> rows of traffic to <paramref name="path"/>.</summary>
    public static string Write(string path, int rows, Drift drift, int seed)
    {
        var (header, source, index) = Csv.Value;
        var random = new Random(seed);
        var lines = new List<string>(rows + 1) { header };
        var picked = new string[rows][];
        for (var i = 0; i < rows; i++)
        {
            picked[i] = (string[])source[random.Next(source.Length)].Clone();
        }

        switch (drift)
        {
            case Drift.Covariate:
                foreach (var row in picked)
                {
                    Scale(row, index["total_night_minutes"], v => Math.Min(400, v * 1.35));
                    Scale(row, index["total_eve_calls"], v => Math.Min(200, v + 20));
                }

                break;
            case Drift.ConceptShuffledForNoVoiceMail:
                // For customers without voice mail, the outcome no longer depends on anything the model sees.
                foreach (var row in picked.Where(r => r[index["voice_mail_plan"]].Trim('"') == "no"))
                {
                    row[index["churn"]] = random.NextDouble() < 0.5 ? "\"yes\"" : "\"no\"";
                }

                break;
            case Drift.ConceptInvertedForEveryone:
                foreach (var row in picked)
                {
                    row[index["churn"]] = row[index["churn"]].Trim('"') == "yes" ? "\"no\"" : "\"yes\"";
                }

                break;
        }

        lines.AddRange(picked.Select(r => string.Join(',', r)));
        File.WriteAllLines(path, lines);
        return path;
    }

    private static void Scale(string[] row, int column, Func<double, double> change)
    {
        var value = double.Parse(row[column], CultureInfo.InvariantCulture);
        var changed = change(value);
        row[column] = row[column].Contains('.', StringComparison.Ordinal)
            ? changed.ToString("0.0", CultureInfo.InvariantCulture)
            : Math.Round(changed).ToString(CultureInfo.InvariantCulture);
    }
}
