namespace PipelineDsl.Serving.Rollouts;

/// <summary>Running per-arm numbers for the rollout status (A/B outcome statistics, canary and shadow counts).</summary>
internal sealed class ArmCounter(string arm)
{
    private readonly Lock _lock = new();
    private long _predictions;
    private long _errors;
    private double _scoreSum;
    private long _positives;
    private long _labelled;

    public void Record(float score, bool? predictedLabel)
    {
        lock (_lock)
        {
            _predictions++;
            _scoreSum += score;
            if (predictedLabel is { } label)
            {
                _labelled++;
                _positives += label ? 1 : 0;
            }
        }
    }

    public void RecordError()
    {
        lock (_lock)
        {
            _errors++;
        }
    }

    public ArmStatistics Snapshot()
    {
        lock (_lock)
        {
            return new ArmStatistics(
                arm,
                _predictions,
                _errors,
                _predictions == 0 ? 0 : _scoreSum / _predictions,
                _labelled == 0 ? null : (double)_positives / _labelled);
        }
    }
}
