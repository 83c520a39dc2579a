namespace PipelineDsl.Runtime.Store;

/// <summary>
/// One row of the append-only <c>audit_log</c>: a stage change of a model version, who made it and why. Rows are
/// never updated or deleted (SQLite triggers refuse both).
/// </summary>
/// <param name="Id">The row id: rows are numbered in the order they were written.</param>
/// <param name="AtUtc">When the change was committed.</param>
/// <param name="Actor">Who made the change: for an approved change the approver, otherwise the user who ran it.</param>
/// <param name="Action">What happened: <see cref="PromoteAction"/>, <see cref="ArchiveAction"/>, <see cref="RollbackAction"/> or <see cref="KeepAction"/>.</param>
/// <param name="Model">The model's name.</param>
/// <param name="Version">The version that changed stage.</param>
/// <param name="FromStage">Its stage before (see <see cref="ModelStages"/>).</param>
/// <param name="ToStage">Its stage after.</param>
/// <param name="Reason">Why: the approval's reason or the rollback's, when one was given.</param>
/// <param name="Details">Context, for example who requested an approved change or which version replaced this one.</param>
public sealed record AuditRecord(
    long Id,
    DateTime AtUtc,
    string Actor,
    string Action,
    string Model,
    int? Version,
    string? FromStage,
    string? ToStage,
    string? Reason,
    string? Details)
{
    /// <summary>A version moved to the stage someone asked for.</summary>
    public const string PromoteAction = "promote";

    /// <summary>The production version was archived because another version was promoted to production.</summary>
    public const string ArchiveAction = "archive";

    /// <summary>A rollback: the production version archived, or the previous production version restored.</summary>
    public const string RollbackAction = "rollback";

    /// <summary>A retrained version failed its gates and the champion was kept (no stage changed).</summary>
    public const string KeepAction = "keep";
}
