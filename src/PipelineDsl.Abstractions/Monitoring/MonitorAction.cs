using System;

namespace PipelineDsl;

/// <summary>What <c>monitor</c> and <c>watch</c> do when a rule of a <see cref="MonitorAttribute"/> is broken.</summary>
[Flags]
public enum MonitorAction
{
    /// <summary>Nothing beyond the report.</summary>
    None = 0,

    /// <summary>A log line.</summary>
    Log = 1,

    /// <summary>An alert: log line, non-zero exit code, and the webhook when one is configured.</summary>
    Alert = 2 | Log,

    /// <summary>An alert, and <c>watch</c> retrains (the gates decide whether the new version replaces the champion).</summary>
    Retrain = 4 | Alert,

    /// <summary>An alert, and the production version is rolled back to the previous one.</summary>
    Rollback = 8 | Alert,
}
