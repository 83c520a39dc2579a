namespace PipelineDsl.Runtime.Training;

/// <summary>
/// Plans a rolling-origin (expanding window) backtest: the holdout period is cut into consecutive test windows of about
/// equal row counts, never splitting one instant; fold <c>i</c> trains on every row before its window.
/// </summary>
public static class BacktestPlanner
{
    /// <summary>Plans <paramref name="folds"/> folds over the rows in <paramref name="holdout"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than two folds, or fewer distinct instants in the holdout than folds.</exception>
    public static IReadOnlyList<BacktestFold> Plan(ReadOnlySpan<DateTime> timestamps, ReadOnlySpan<int> holdout, int folds)
    {
        if (folds < 2)
        {
            throw new ArgumentException($"A backtest needs at least 2 folds, not {folds}.", nameof(folds));
        }

        var times = timestamps.ToArray();
        var ordered = holdout.ToArray().OrderBy(i => times[i]).ToArray();
        var m = ordered.Length;

        // Fold boundaries: positions in time order, moved forward past ties so one instant stays in one fold.
        var starts = new List<int> { 0 };
        for (var f = 1; f < folds; f++)
        {
            var at = Math.Max((int)Math.Round((double)f * m / folds, MidpointRounding.AwayFromZero), starts[^1] + 1);
            while (at < m && at > 0 && times[ordered[at]] == times[ordered[at - 1]])
            {
                at++;
            }

            if (at >= m)
            {
                throw new ArgumentException($"The holdout has too few distinct instants ({m} rows) for {folds} backtest folds.", nameof(folds));
            }

            starts.Add(at);
        }

        var result = new List<BacktestFold>(folds);
        for (var f = 0; f < folds; f++)
        {
            var from = starts[f];
            var to = f + 1 < folds ? starts[f + 1] : m;
            var start = times[ordered[from]];
            var end = to < m ? times[ordered[to]] : times[ordered[m - 1]].AddTicks(1);
            var test = ordered[from..to];
            Array.Sort(test);
            var train = Enumerable.Range(0, times.Length).Where(i => times[i] < start).ToArray();
            result.Add(new BacktestFold(f + 1, start, end, train, test));
        }

        return result;
    }
}
