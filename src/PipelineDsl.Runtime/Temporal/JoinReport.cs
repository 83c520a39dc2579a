namespace PipelineDsl.Runtime.Temporal;

/// <summary>How an as-of join went over a batch: how many rows matched and why the others did not.</summary>
/// <param name="Dataset">The joined dataset's name.</param>
/// <param name="Rows">Rows looked up.</param>
/// <param name="Matched">Rows that found a joined row.</param>
/// <param name="UnknownKey">Rows whose key the joined dataset never has.</param>
/// <param name="NoEarlierRow">Rows whose key is known only after their time.</param>
/// <param name="OutsideTolerance">Rows whose latest earlier joined row is older than the tolerance.</param>
public sealed record JoinReport(string Dataset, int Rows, int Matched, int UnknownKey, int NoEarlierRow, int OutsideTolerance)
{
    /// <summary>A one-line summary, e.g. <c>weather: 114000/114000 matched</c>.</summary>
    public override string ToString()
    {
        var text = $"{Dataset}: {Matched}/{Rows} matched";
        var misses = new List<string>();
        if (UnknownKey > 0)
        {
            misses.Add($"{UnknownKey} unknown key");
        }

        if (NoEarlierRow > 0)
        {
            misses.Add($"{NoEarlierRow} with no earlier row");
        }

        if (OutsideTolerance > 0)
        {
            misses.Add($"{OutsideTolerance} outside tolerance");
        }

        return misses.Count == 0 ? text : $"{text} ({string.Join(", ", misses)})";
    }
}
