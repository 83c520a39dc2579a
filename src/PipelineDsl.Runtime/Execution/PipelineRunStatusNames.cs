namespace PipelineDsl.Runtime.Execution;

/// <summary>The stable snake_case names run statuses are stored and printed under.</summary>
public static class PipelineRunStatusNames
{
    /// <summary>The stored name of <paramref name="status"/> (<c>succeeded</c>, <c>failed_validation</c>, ...).</summary>
    public static string Of(PipelineRunStatus status) => status switch
    {
        PipelineRunStatus.Running => "running",
        PipelineRunStatus.Succeeded => "succeeded",
        PipelineRunStatus.FailedValidation => "failed_validation",
        PipelineRunStatus.FailedGate => "failed_gate",
        PipelineRunStatus.Failed => "failed",
        PipelineRunStatus.Cancelled => "cancelled",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The status a stored name stands for (the inverse of <see cref="Of"/>); unknown names are <see cref="PipelineRunStatus.Failed"/>.</summary>
    public static PipelineRunStatus Parse(string name) => name switch
    {
        "running" => PipelineRunStatus.Running,
        "succeeded" => PipelineRunStatus.Succeeded,
        "failed_validation" => PipelineRunStatus.FailedValidation,
        "failed_gate" => PipelineRunStatus.FailedGate,
        "cancelled" => PipelineRunStatus.Cancelled,
        _ => PipelineRunStatus.Failed,
    };
}
