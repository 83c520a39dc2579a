namespace PipelineDsl.Runtime.Store;

/// <summary>One row of the <c>runs</c> table.</summary>
/// <param name="Id">The run id.</param>
/// <param name="Pipeline">The pipeline's name.</param>
/// <param name="Status">How it ended (see <see cref="Execution.PipelineRunStatusNames"/>: succeeded, failed_validation, failed_gate, failed, cancelled), or <c>running</c>.</param>
/// <param name="StartedUtc">When it started.</param>
/// <param name="FinishedUtc">When it finished, if it has.</param>
/// <param name="Message">Why it ended as it did.</param>
/// <param name="DataHash">SHA-256 of the dataset snapshot it trained on, when the snapshot was taken.</param>
public sealed record RunRecord(
    string Id,
    string Pipeline,
    string Status,
    DateTime StartedUtc,
    DateTime? FinishedUtc,
    string? Message,
    string? DataHash);
