namespace PipelineDsl.Hosting;

/// <summary>Process exit codes of the CLI, stable for schedulers and scripts.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;
    /// <summary>An unexpected failure inside a node.</summary>
    public const int Failed = 1;
    /// <summary>The data failed to parse or validate; nothing was trained or registered.</summary>
    public const int ValidationFailed = 2;
    /// <summary>The model failed a gate: its version is registered but can never be promoted.</summary>
    public const int GateFailed = 3;
    /// <summary><c>reproduce</c> rebuilt the version but its metrics differ from the registered ones.</summary>
    public const int NotReproduced = 5;

    /// <summary><c>monitor</c>/<c>watch</c>: a monitoring rule raised an alert (drift, data quality or decay).</summary>
    public const int Alert = 4;
    /// <summary>The command line was wrong.</summary>
    public const int Usage = 64;
    /// <summary>Cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
