namespace PipelineDsl.Runtime.Training;

/// <summary>Splits rows into training and holdout, deterministically for a given seed.</summary>
public static class DatasetSplitter
{
    /// <summary>
    /// Resolves <see cref="SplitStrategy.Auto"/>: time when the dataset has a timestamp, otherwise stratified for
    /// binary classification and random for regression. Other strategies are returned as they are.
    /// </summary>
    public static SplitStrategy Resolve(SplitStrategy strategy, MlTask task, bool hasTimestamp) => strategy switch
    {
        SplitStrategy.Auto when hasTimestamp => SplitStrategy.Time,
        SplitStrategy.Auto when task == MlTask.BinaryClassification => SplitStrategy.Stratified,
        SplitStrategy.Auto => SplitStrategy.Random,
        _ => strategy,
    };

    /// <summary>Splits rows.</summary>
    /// <param name="strategy">The strategy (resolve <see cref="SplitStrategy.Auto"/> first, or it is resolved as for binary classification without timestamps).</param>
    /// <param name="holdoutFraction">Fraction of rows in the holdout, in [0, 1].</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <param name="labels">Every row's label (stratified: a class is <c>label &gt; 0.5</c>).</param>
    /// <param name="timestamps">Every row's timestamp (needed for <see cref="SplitStrategy.Time"/>).</param>
    /// <exception cref="ArgumentException">The fraction is out of range, or a time split has no timestamps.</exception>
    /// <param name="cutoff">A time split's cut-off: rows at or after it are held out (the fraction is then ignored).</param>
    public static DatasetSplit Split(SplitStrategy strategy, double holdoutFraction, int seed, ReadOnlySpan<float> labels, ReadOnlySpan<DateTime> timestamps = default, DateTime? cutoff = null)
    {
        if (double.IsNaN(holdoutFraction) || holdoutFraction < 0 || holdoutFraction > 1)
        {
            throw new ArgumentException($"The holdout fraction must be between 0 and 1; it is {holdoutFraction}.", nameof(holdoutFraction));
        }

        var n = labels.Length;
        if (strategy == SplitStrategy.Auto)
        {
            strategy = SplitStrategy.Stratified;
        }

        var test = new List<int>();
        switch (strategy)
        {
            case SplitStrategy.Stratified:
            {
                var negatives = new List<int>();
                var positives = new List<int>();
                for (var i = 0; i < n; i++)
                {
                    (labels[i] > 0.5f ? positives : negatives).Add(i);
                }

                foreach (var group in new[] { negatives, positives })
                {
                    var indices = group.ToArray();
                    Shuffle(indices, new Random(seed));
                    test.AddRange(indices.AsSpan(0, Take(holdoutFraction, indices.Length)));
                }

                break;
            }

            case SplitStrategy.Random:
            {
                var indices = Enumerable.Range(0, n).ToArray();
                Shuffle(indices, new Random(seed));
                test.AddRange(indices.AsSpan(0, Take(holdoutFraction, n)));
                break;
            }

            case SplitStrategy.Time:
            {
                if (timestamps.Length != n)
                {
                    throw new ArgumentException($"A time split needs a timestamp per row: {timestamps.Length} timestamps for {n} rows.", nameof(timestamps));
                }

                if (cutoff is { } at)
                {
                    for (var i = 0; i < n; i++)
                    {
                        if (timestamps[i] >= at)
                        {
                            test.Add(i);
                        }
                    }

                    break;
                }

                var times = timestamps.ToArray();
                var ordered = Enumerable.Range(0, n).OrderBy(i => times[i]).ToArray(); // stable: ties keep file order
                var count = Take(holdoutFraction, n);

                // Never split rows of one instant: the whole instant goes to the holdout, so no training row is later
                // than, or at the same time as, a holdout row.
                var first = n - count;
                while (first > 0 && first < n && times[ordered[first - 1]] == times[ordered[first]])
                {
                    first--;
                }

                test.AddRange(ordered.AsSpan(first, n - first));
                break;
            }

            default:
                throw new ArgumentException($"Unknown split strategy {strategy}.", nameof(strategy));
        }

        var isTest = new bool[n];
        foreach (var i in test)
        {
            isTest[i] = true;
        }

        var testArray = test.ToArray();
        Array.Sort(testArray);
        var train = new int[n - testArray.Length];
        var t = 0;
        for (var i = 0; i < n; i++)
        {
            if (!isTest[i])
            {
                train[t++] = i;
            }
        }

        return new DatasetSplit(strategy, train, testArray);
    }

    private static int Take(double fraction, int count) => (int)Math.Round(fraction * count, MidpointRounding.AwayFromZero);

    private static void Shuffle(int[] values, Random random)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
