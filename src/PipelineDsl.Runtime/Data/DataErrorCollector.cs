namespace PipelineDsl.Runtime.Data;

/// <summary>
/// Collects bad cells and rule failures while a dataset is read or validated: keeps the first
/// <see cref="MaxReported"/> in detail and counts every one, so a file with a million bad rows still yields a
/// short report. Not thread-safe.
/// </summary>
public sealed class DataErrorCollector
{
    /// <summary>How many errors are kept in detail unless told otherwise.</summary>
    public const int DefaultMaxReported = 20;

    private readonly List<DataError> _errors = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Creates a collector for <paramref name="file"/>.</summary>
    public DataErrorCollector(string file, int maxReported = DefaultMaxReported)
    {
        File = file;
        MaxReported = maxReported;
    }

    /// <summary>The file errors are reported against.</summary>
    public string File { get; }

    /// <summary>How many errors are kept in detail.</summary>
    public int MaxReported { get; }

    /// <summary>How many errors were added.</summary>
    public int Count { get; private set; }

    /// <summary>Records one error.</summary>
    public void Add(int line, string column, string rule, string message)
    {
        Count++;
        var key = column + "/" + rule;
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
        if (_errors.Count < MaxReported)
        {
            _errors.Add(new DataError(File, line, column, rule, message));
        }
    }

    /// <summary>The report so far.</summary>
    public DataErrorReport ToReport() =>
        Count == 0 ? DataErrorReport.Empty : new DataErrorReport(_errors.ToArray(), Count, new Dictionary<string, int>(_counts));
}
