namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// The ROC curve of binary scores: one point (false positive rate, true positive rate) per distinct score threshold,
/// from (0, 0) to (1, 1), tied scores taken together; and the area under it (the trapezoid rule over those points,
/// which equals the Mann-Whitney estimate with ties counted half).
/// </summary>
internal sealed class RocCurve
{
    private RocCurve(IReadOnlyList<(double Fpr, double Tpr)> points, double auc, int positives, int negatives)
    {
        Points = points;
        Auc = auc;
        Positives = positives;
        Negatives = negatives;
    }

    /// <summary>The curve's points, from (0, 0) to (1, 1); empty when one of the classes has no row.</summary>
    public IReadOnlyList<(double Fpr, double Tpr)> Points { get; }

    /// <summary>The area under the curve; NaN when one of the classes has no row.</summary>
    public double Auc { get; }

    /// <summary>How many rows are positive.</summary>
    public int Positives { get; }

    /// <summary>How many rows are negative.</summary>
    public int Negatives { get; }

    /// <summary>The curve of <paramref name="scores"/> (higher is more positive) against <paramref name="labels"/>; rows with a non-finite score are left out.</summary>
    public static RocCurve Compute(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException($"{scores.Count} scores for {labels.Count} labels.", nameof(labels));
        }

        var keys = new List<float>(scores.Count);
        var positive = new List<bool>(scores.Count);
        for (var i = 0; i < scores.Count; i++)
        {
            if (float.IsFinite(scores[i]))
            {
                keys.Add(scores[i]);
                positive.Add(labels[i]);
            }
        }

        var p = positive.Count(l => l);
        var n = positive.Count - p;
        if (p == 0 || n == 0)
        {
            return new RocCurve([], double.NaN, p, n);
        }

        var order = Enumerable.Range(0, keys.Count).ToArray();
        var sortKeys = keys.ToArray();
        Array.Sort(sortKeys, order);

        // Descending score: walk from the top, one point after each group of equal scores.
        var points = new List<(double, double)>(Math.Min(keys.Count, 4096) + 2) { (0, 0) };
        long tp = 0, fp = 0;
        double auc = 0, lastFpr = 0, lastTpr = 0;
        for (var end = order.Length - 1; end >= 0;)
        {
            var start = end;
            var score = sortKeys[end];
            while (start - 1 >= 0 && sortKeys[start - 1] == score)
            {
                start--;
            }

            for (var k = start; k <= end; k++)
            {
                if (positive[order[k]])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }
            }

            var fpr = (double)fp / n;
            var tpr = (double)tp / p;
            auc += (fpr - lastFpr) * (tpr + lastTpr) / 2;
            points.Add((fpr, tpr));
            (lastFpr, lastTpr) = (fpr, tpr);
            end = start - 1;
        }

        return new RocCurve(points, auc, p, n);
    }

    /// <summary>The area under the ROC curve of <paramref name="scores"/> against <paramref name="labels"/> (NaN with one class only).</summary>
    public static double AreaUnder(IReadOnlyList<float> scores, IReadOnlyList<bool> labels) => Compute(scores, labels).Auc;
}
