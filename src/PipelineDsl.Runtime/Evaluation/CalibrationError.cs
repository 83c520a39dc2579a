namespace PipelineDsl.Runtime.Evaluation;

/// <summary>Expected calibration error: how far predicted probabilities are from observed frequencies.</summary>
public static class CalibrationError
{
    /// <summary>
    /// ECE over <paramref name="bins"/> equal-width probability bins: the row-weighted mean, over non-empty bins, of
    /// |mean predicted probability - fraction of positives|. 0 is perfectly calibrated; NaN for no rows.
    /// </summary>
    public static double Compute(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (probabilities.Count != labels.Count)
        {
            throw new ArgumentException($"{probabilities.Count} probabilities for {labels.Count} labels.", nameof(labels));
        }

        if (probabilities.Count == 0)
        {
            return double.NaN;
        }

        var count = new int[bins];
        var probabilitySum = new double[bins];
        var positives = new int[bins];
        for (var i = 0; i < probabilities.Count; i++)
        {
            var p = Math.Clamp((double)probabilities[i], 0, 1);
            var bin = Math.Min((int)(p * bins), bins - 1);
            count[bin]++;
            probabilitySum[bin] += p;
            positives[bin] += labels[i] ? 1 : 0;
        }

        var error = 0.0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                error += count[b] * Math.Abs((probabilitySum[b] / count[b]) - ((double)positives[b] / count[b]));
            }
        }

        return error / probabilities.Count;
    }
}
