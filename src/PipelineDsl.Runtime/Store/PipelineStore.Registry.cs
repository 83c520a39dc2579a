using System.Data.Common;
using System.Globalization;

namespace PipelineDsl.Runtime.Store;

public sealed partial class PipelineStore
{
    /// <summary>The form an approval takes, shown when one is missing or malformed.</summary>
    private const string ApprovalForm = "\"who: why\" (for example \"alice: holdout AUC above the gate on fresh data\")";

    /// <summary>Tables of the model registry's governance: the append-only audit log of stage changes and approvals.</summary>
    private static readonly string[] RegistrySchemaStatements =
    [
        """
        CREATE TABLE IF NOT EXISTS audit_log (
            id {IDENTITY}, at_utc TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
            model TEXT NOT NULL, version INTEGER, from_stage TEXT, to_stage TEXT, reason TEXT, details TEXT)
        """,
        "CREATE INDEX IF NOT EXISTS ix_audit_log_model ON audit_log (model, id)",
        // The triggers that make audit_log append-only are the dialect's (StoreDialect.AppendOnlyStatements).
        // At most one production version per model, whatever writes the table (a second line of defence behind
        // Promote and Rollback, which archive the champion in the same transaction).
        "CREATE UNIQUE INDEX IF NOT EXISTS ux_model_versions_production ON model_versions (name) WHERE stage = 'production'",
    ];

    /// <summary>
    /// Moves version <paramref name="version"/> of model <paramref name="name"/> to <paramref name="toStage"/>, in one
    /// <c>BEGIN IMMEDIATE</c> transaction, and appends the change to the audit log. Rules: only a version that passed
    /// every gate may enter <c>staging</c> or <c>production</c>; <c>production</c> needs an
    /// <paramref name="approval"/> of the form <c>"who: why"</c>, and archives the version that was in production
    /// (one more audit row, action <c>archive</c>); <c>none</c> and <c>archived</c> are always allowed. A refused
    /// promotion changes nothing and writes no audit row.
    /// </summary>
    /// <param name="name">The model's name.</param>
    /// <param name="version">The version to move.</param>
    /// <param name="toStage">The target stage (see <see cref="ModelStages"/>; case-insensitive).</param>
    /// <param name="actor">Who asks for the change (recorded as the actor unless an approval names the approver).</param>
    /// <param name="approval">
    /// <c>"who: why"</c>: required for production, optional otherwise. When given, <c>who</c> is recorded as the actor
    /// and <c>why</c> as the reason.
    /// </param>
    /// <returns>The version as it is after the change.</returns>
    /// <exception cref="ArgumentException"><paramref name="toStage"/> names no stage, or a name is blank.</exception>
    /// <exception cref="InvalidOperationException">
    /// The model or version is unknown, the version is already in that stage, failed its gates, or the approval is
    /// missing or malformed.
    /// </exception>
    public ModelVersionRecord Promote(string name, int version, string toStage, string actor, string? approval)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var stage = ModelStages.Parse(toStage);
        lock (_gate)
        {
            InTransaction(tx =>
            {
                var state = ReadVersionState(tx, name, version);
                if (state.Stage == stage)
                {
                    throw new InvalidOperationException($"{name} v{version} is already in {stage}.");
                }

                if (ModelStages.RequiresPassedGates(stage) && !state.GatesPassed)
                {
                    throw new InvalidOperationException(
                        $"{name} v{version} failed its gates in run {state.RunId}; only a version that passed every gate can enter staging or production.");
                }

                var parsed = ParseApproval(name, version, stage, approval);
                if (parsed is null && ModelStages.RequiresApproval(stage))
                {
                    throw new InvalidOperationException(
                        $"promoting {name} v{version} to {stage} needs an approval of the form {ApprovalForm}.");
                }

                var recordedActor = parsed?.Who ?? actor.Trim();
                var reason = parsed?.Why;
                var requestedBy = parsed is not null && !string.Equals(parsed.Value.Who, actor.Trim(), StringComparison.Ordinal)
                    ? $"requested by {actor.Trim()}"
                    : null;
                var now = FormatTime(DateTime.UtcNow);

                if (stage == ModelStages.Production)
                {
                    foreach (var champion in VersionsInStage(tx, name, ModelStages.Production).Where(v => v != version))
                    {
                        SetStage(tx, name, champion, ModelStages.Archived);
                        AppendAudit(
                            tx, now, recordedActor, AuditRecord.ArchiveAction, name, champion, ModelStages.Production, ModelStages.Archived, reason,
                            Join($"replaced in production by v{version}", requestedBy));
                    }
                }

                SetStage(tx, name, version, stage);
                AppendAudit(tx, now, recordedActor, AuditRecord.PromoteAction, name, version, state.Stage, stage, reason, requestedBy);
            });

            return ReadVersion(name, version);
        }
    }

    /// <summary>
    /// Restores the previous production version of model <paramref name="name"/>: the version that most recently
    /// entered production (by audit log order) other than the current one. The current production version is
    /// archived and the previous one moved to production, in one <c>BEGIN IMMEDIATE</c> transaction, with one audit
    /// row each (action <c>rollback</c>).
    /// </summary>
    /// <param name="name">The model's name.</param>
    /// <param name="actor">Who rolls back.</param>
    /// <param name="reason">Why, when given.</param>
    /// <returns>The restored version, now in production.</returns>
    /// <exception cref="InvalidOperationException">
    /// The model is unknown, no version is in production, or no other version was ever in production.
    /// </exception>
    public ModelVersionRecord Rollback(string name, string actor, string? reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        lock (_gate)
        {
            var restored = 0;
            InTransaction(tx =>
            {
                EnsureModelExists(tx, name);
                var champions = VersionsInStage(tx, name, ModelStages.Production);
                if (champions.Count == 0)
                {
                    throw new InvalidOperationException($"{name} has no version in production, so there is nothing to roll back.");
                }

                var current = champions[0];
                int? previous;
                using (var command = Command(
                    tx,
                    "SELECT a.version FROM audit_log a JOIN model_versions m ON m.name = a.model AND m.version = a.version " +
                    "WHERE a.model = @name AND a.to_stage = @production AND a.version <> @current ORDER BY a.id DESC LIMIT 1"))
                {
                    AddParameter(command, "@name", name);
                    AddParameter(command, "@production", ModelStages.Production);
                    AddParameter(command, "@current", current);
                    var value = command.ExecuteScalar();
                    previous = value is null or DBNull ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
                }

                if (previous is not { } target)
                {
                    throw new InvalidOperationException(
                        $"{name} v{current} is the only version of {name} that was ever in production; there is no earlier production version to roll back to.");
                }

                var targetState = ReadVersionState(tx, name, target);
                var now = FormatTime(DateTime.UtcNow);
                SetStage(tx, name, current, ModelStages.Archived);
                AppendAudit(
                    tx, now, actor.Trim(), AuditRecord.RollbackAction, name, current, ModelStages.Production, ModelStages.Archived, why,
                    $"rolled back to v{target}");
                SetStage(tx, name, target, ModelStages.Production);
                AppendAudit(
                    tx, now, actor.Trim(), AuditRecord.RollbackAction, name, target, targetState.Stage, ModelStages.Production, why,
                    $"restored in place of v{current}");
                restored = target;
            });

            return ReadVersion(name, restored);
        }
    }

    /// <summary>
    /// Records a decision that changed no stage (action <c>keep</c>): a retrained challenger failed its gates and the
    /// champion stays. The audit log says who decided and why, next to the stage changes.
    /// </summary>
    public void RecordKeepDecision(string name, int challengerVersion, string actor, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        lock (_gate)
        {
            InTransaction(tx =>
            {
                var state = ReadVersionState(tx, name, challengerVersion);
                AppendAudit(tx, FormatTime(DateTime.UtcNow), actor.Trim(), AuditRecord.KeepAction, name, challengerVersion, state.Stage, state.Stage, reason, null);
            });
        }
    }

    /// <summary>The audit log, oldest first, of one model or of all.</summary>
    public IReadOnlyList<AuditRecord> ListAudit(string? model = null)
    {
        lock (_gate)
        {
            using var command = Query(
                "SELECT id, at_utc, actor, action, model, version, from_stage, to_stage, reason, details FROM audit_log " +
                "WHERE (CAST(@model AS TEXT) IS NULL OR model = @model) ORDER BY id",
                ("@model", model));
            using var reader = command.ExecuteReader();
            var list = new List<AuditRecord>();
            while (reader.Read())
            {
                list.Add(new AuditRecord(
                    reader.GetInt64(0),
                    ParseTime(reader.GetString(1)),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9)));
            }

            return list;
        }
    }

    /// <summary>
    /// The version of model <paramref name="name"/> in <paramref name="stage"/> (for <c>production</c>, the champion);
    /// the highest such version for stages that hold several; <see langword="null"/> when none is.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="stage"/> names no stage.</exception>
    public ModelVersionRecord? GetStageVersion(string name, string stage)
    {
        var canonical = ModelStages.Parse(stage);
        lock (_gate)
        {
            using var command = Query(
                "SELECT name, version, run_id, artifact_hash, stage, created_utc, gates_passed FROM model_versions " +
                "WHERE name = @name AND stage = @stage ORDER BY version DESC LIMIT 1",
                ("@name", name), ("@stage", canonical));
            var versions = ReadModelVersions(command);
            return versions.Count == 0 ? null : versions[0];
        }
    }

    /// <summary>Parses <c>"who: why"</c>; <see langword="null"/> when no approval was given.</summary>
    private static (string Who, string Why)? ParseApproval(string name, int version, string stage, string? approval)
    {
        if (string.IsNullOrWhiteSpace(approval))
        {
            return null;
        }

        var colon = approval.IndexOf(':', StringComparison.Ordinal);
        var who = colon < 0 ? "" : approval[..colon].Trim();
        var why = colon < 0 ? "" : approval[(colon + 1)..].Trim();
        if (who.Length == 0 || why.Length == 0)
        {
            throw new InvalidOperationException(
                $"the approval to move {name} v{version} to {stage} must have the form {ApprovalForm}, naming who approves and why; got \"{approval}\".");
        }

        return (who, why);
    }

    private static string? Join(string first, string? second) => second is null ? first : first + "; " + second;

    private (string RunId, string Stage, bool GatesPassed) ReadVersionState(DbTransaction tx, string name, int version)
    {
        using (var command = Command(tx, "SELECT run_id, stage, gates_passed FROM model_versions WHERE name = @name AND version = @version"))
        {
            AddParameter(command, "@name", name);
            AddParameter(command, "@version", version);
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                return (reader.GetString(0), reader.GetString(1), reader.GetInt32(2) != 0);
            }
        }

        EnsureModelExists(tx, name);
        using var latest = Command(tx, "SELECT MAX(version) FROM model_versions WHERE name = @name");
        AddParameter(latest, "@name", name);
        var max = Convert.ToInt32(latest.ExecuteScalar(), CultureInfo.InvariantCulture);
        throw new InvalidOperationException($"model '{name}' has no version {version} (its versions are 1 to {max}).");
    }

    private void EnsureModelExists(DbTransaction tx, string name)
    {
        using var command = Command(tx, "SELECT COUNT(*) FROM model_versions WHERE name = @name");
        AddParameter(command, "@name", name);
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            throw new InvalidOperationException($"no model named '{name}' is registered in {StorePath}.");
        }
    }

    private List<int> VersionsInStage(DbTransaction tx, string name, string stage)
    {
        using var command = Command(tx, "SELECT version FROM model_versions WHERE name = @name AND stage = @stage ORDER BY version DESC");
        AddParameter(command, "@name", name);
        AddParameter(command, "@stage", stage);
        using var reader = command.ExecuteReader();
        var versions = new List<int>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private void SetStage(DbTransaction tx, string name, int version, string stage)
    {
        using var command = Command(tx, "UPDATE model_versions SET stage = @stage WHERE name = @name AND version = @version");
        Run(command, ("@stage", stage), ("@name", name), ("@version", version));
    }

    private void AppendAudit(
        DbTransaction tx, string atUtc, string actor, string action, string model, int version, string? fromStage, string? toStage, string? reason, string? details)
    {
        using var command = Command(
            tx,
            "INSERT INTO audit_log (at_utc, actor, action, model, version, from_stage, to_stage, reason, details) " +
            "VALUES (@at, @actor, @action, @model, @version, @from, @to, @reason, @details)");
        Run(
            command,
            ("@at", atUtc), ("@actor", actor), ("@action", action), ("@model", model), ("@version", version),
            ("@from", fromStage), ("@to", toStage), ("@reason", reason), ("@details", details));
    }

    /// <summary>One version read after its transaction committed (the metric and lineage reads run outside it).</summary>
    private ModelVersionRecord ReadVersion(string name, int version)
    {
        using var command = Query(
            "SELECT name, version, run_id, artifact_hash, stage, created_utc, gates_passed FROM model_versions WHERE name = @name AND version = @version",
            ("@name", name), ("@version", version));
        return ReadModelVersions(command)[0];
    }
}
