namespace PipelineDsl.Serving.Rollouts;

/// <summary>What the challenger did in one canary evaluation window: requests, failures, latencies and scores.</summary>
internal sealed class CanaryWindow(DateTime start)
{
    private readonly Lock _lock = new();
    private readonly List<double> _latencies = [];
    private readonly List<float> _scores = [];
    private int _errors;

    /// <summary>When the window opened.</summary>
    public DateTime Start { get; } = start;

    /// <summary>Records one challenger prediction (or failure).</summary>
    public void Record(double latencyMs, bool failed, float score)
    {
        lock (_lock)
        {
            _latencies.Add(latencyMs);
            if (failed)
            {
                _errors++;
            }
            else
            {
                _scores.Add(score);
            }
        }
    }

    /// <summary>The window's numbers so far.</summary>
    public CanaryWindowStats Snapshot()
    {
        lock (_lock)
        {
            var count = _latencies.Count;
            var p99 = 0.0;
            if (count > 0)
            {
                var sorted = _latencies.ToArray();
                Array.Sort(sorted);
                p99 = sorted[Math.Min(count - 1, (int)Math.Ceiling(0.99 * count) - 1)];
            }

            return new CanaryWindowStats(count, _errors, p99, _scores.ToArray());
        }
    }
}

/// <summary>A canary window's numbers.</summary>
/// <param name="Requests">Challenger predictions attempted.</param>
/// <param name="Errors">Of which failed.</param>
/// <param name="P99LatencyMs">Their p99 latency.</param>
/// <param name="Scores">The challenger's scores (probabilities for binary classification).</param>
internal sealed record CanaryWindowStats(int Requests, int Errors, double P99LatencyMs, float[] Scores)
{
    /// <summary>Failed predictions over attempted ones.</summary>
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;
}
