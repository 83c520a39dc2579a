using System.Data.Common;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Store;

public class RegistryTests
{
    private const string Approval = "alice: holdout AUC above the gate";

    [Theory]
    [StoreProviders]
    public void Promote_to_staging_works_for_a_version_that_passed_its_gates(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        Register(store, "churn", gatesPassed: true);

        var promoted = store.Promote("churn", 1, "staging", "bob", null);

        Assert.Equal(ModelStages.Staging, promoted.Stage);
        Assert.Equal(ModelStages.Staging, store.GetModelVersion("churn", 1)!.Stage);
        Assert.Equal(1, store.GetStageVersion("churn", ModelStages.Staging)!.Version);
        var row = Assert.Single(store.ListAudit("churn"));
        Assert.Equal(("bob", AuditRecord.PromoteAction, "churn", 1, "none", "staging"), (row.Actor, row.Action, row.Model, row.Version!.Value, row.FromStage, row.ToStage));
        Assert.Null(row.Reason);
    }

    [Theory]
    [StoreProviders]
    public void A_version_that_failed_its_gates_cannot_enter_staging_or_production(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        var runId = Register(store, "churn", gatesPassed: false);

        var staging = Assert.Throws<InvalidOperationException>(() => store.Promote("churn", 1, "staging", "bob", null));
        Assert.Contains("churn v1 failed its gates in run " + runId, staging.Message, StringComparison.Ordinal);
        Assert.Contains("only a version that passed every gate", staging.Message, StringComparison.Ordinal);
        var production = Assert.Throws<InvalidOperationException>(() => store.Promote("churn", 1, "production", "bob", Approval));
        Assert.Contains("failed its gates", production.Message, StringComparison.Ordinal);
        AssertUnchanged(store, "churn", 1, ModelStages.None);

        // Archiving (or any move outside staging/production) needs no gate.
        Assert.Equal(ModelStages.Archived, store.Promote("churn", 1, "archived", "bob", null).Stage);
    }

    [Theory]
    [StoreProviders]
    public void Production_needs_a_well_formed_approval(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        Register(store, "churn");

        var missing = Assert.Throws<InvalidOperationException>(() => store.Promote("churn", 1, "production", "bob", null));
        Assert.Contains("churn v1", missing.Message, StringComparison.Ordinal);
        Assert.Contains("\"who: why\"", missing.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => store.Promote("churn", 1, "production", "bob", "   "));
        foreach (var malformed in new[] { "alice", "alice:", ": because", "  :  ", "looks good to me" })
        {
            var e = Assert.Throws<InvalidOperationException>(() => store.Promote("churn", 1, "production", "bob", malformed));
            Assert.Contains("\"who: why\"", e.Message, StringComparison.Ordinal);
            Assert.Contains(malformed, e.Message, StringComparison.Ordinal);
        }

        AssertUnchanged(store, "churn", 1, ModelStages.None);
    }

    [Theory]
    [StoreProviders]
    public void Production_with_approval_archives_the_previous_champion_and_audits_both_changes(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        Register(store, "churn");
        Register(store, "churn");
        Register(store, "other");
        store.Promote("other", 1, "production", "carol", "dave: other model");

        store.Promote("churn", 1, "Staging", "bob", null);
        var v1 = store.Promote("churn", 1, "production", "bob", Approval);
        Assert.Equal(ModelStages.Production, v1.Stage);
        var v2 = store.Promote("churn", 2, "production", "bob", "erin:  fresher data, AUC +2%  ");

        Assert.Equal(ModelStages.Production, v2.Stage);
        Assert.Equal(ModelStages.Archived, store.GetModelVersion("churn", 1)!.Stage);
        Assert.Equal(2, store.GetStageVersion("churn", ModelStages.Production)!.Version);
        Assert.Equal(1, store.GetStageVersion("other", ModelStages.Production)!.Version);

        var log = store.ListAudit("churn");
        Assert.Equal(4, log.Count);
        Assert.True(log.Zip(log.Skip(1)).All(p => p.First.Id < p.Second.Id), "oldest first");
        Assert.Equal((AuditRecord.PromoteAction, "bob", "none", "staging", (string?)null), (log[0].Action, log[0].Actor, log[0].FromStage, log[0].ToStage, log[0].Reason));
        Assert.Equal((AuditRecord.PromoteAction, "alice", "staging", "production", "holdout AUC above the gate"), (log[1].Action, log[1].Actor, log[1].FromStage, log[1].ToStage, log[1].Reason));
        Assert.Equal("requested by bob", log[1].Details);
        Assert.Equal((AuditRecord.ArchiveAction, 1, "erin", "production", "archived", "fresher data, AUC +2%"), (log[2].Action, log[2].Version!.Value, log[2].Actor, log[2].FromStage, log[2].ToStage, log[2].Reason));
        Assert.Contains("replaced in production by v2", log[2].Details, StringComparison.Ordinal);
        Assert.Equal((AuditRecord.PromoteAction, 2, "erin", "none", "production"), (log[3].Action, log[3].Version!.Value, log[3].Actor, log[3].FromStage, log[3].ToStage));
        Assert.Equal(5, store.ListAudit().Count);
    }

    [Theory]
    [StoreProviders]
    public void Promoting_to_the_current_stage_or_an_unknown_version_is_refused_and_changes_nothing(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        Register(store, "churn");
        store.Promote("churn", 1, "production", "bob", Approval);
        var before = store.ListAudit();

        var again = Assert.Throws<InvalidOperationException>(() => store.Promote("churn", 1, "production", "bob", Approval));
        Assert.Contains("churn v1 is already in production", again.Message, StringComparison.Ordinal);
        var version = Assert.Throws<InvalidOperationException>(() => store.Promote("churn", 9, "staging", "bob", null));
        Assert.Contains("'churn' has no version 9", version.Message, StringComparison.Ordinal);
        var model = Assert.Throws<InvalidOperationException>(() => store.Promote("nope", 1, "staging", "bob", null));
        Assert.Contains("'nope'", model.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => store.Promote("churn", 1, "canary", "bob", null));

        Assert.Equal(before, store.ListAudit());
        AssertUnchanged(store, "churn", 1, ModelStages.Production, auditRows: 1);
    }

    [Theory]
    [StoreProviders]
    public void Rollback_restores_the_previous_production_version(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        Register(store, "churn");
        Register(store, "churn");
        Register(store, "churn");
        store.Promote("churn", 1, "production", "bob", Approval);
        store.Promote("churn", 2, "production", "bob", Approval);
        store.Promote("churn", 3, "staging", "bob", null);

        var restored = store.Rollback("churn", "oncall", "recall dropped in production");

        Assert.Equal((1, ModelStages.Production), (restored.Version, restored.Stage));
        Assert.Equal(ModelStages.Archived, store.GetModelVersion("churn", 2)!.Stage);
        Assert.Equal(ModelStages.Staging, store.GetModelVersion("churn", 3)!.Stage);
        var rows = store.ListAudit("churn").TakeLast(2).ToArray();
        Assert.All(rows, r => Assert.Equal((AuditRecord.RollbackAction, "oncall", "recall dropped in production"), (r.Action, r.Actor, r.Reason)));
        Assert.Equal((2, "production", "archived"), (rows[0].Version!.Value, rows[0].FromStage, rows[0].ToStage));
        Assert.Equal((1, "archived", "production"), (rows[1].Version!.Value, rows[1].FromStage, rows[1].ToStage));

        // The previous production version of v1 is now v2: a second rollback undoes the first.
        Assert.Equal(2, store.Rollback("churn", "oncall", null).Version);
        Assert.Null(store.ListAudit("churn")[^1].Reason);
        Assert.Single(store.ListModelVersions("churn"), v => v.Stage == ModelStages.Production);
    }

    [Theory]
    [StoreProviders]
    public void Rollback_is_refused_without_a_production_version_or_an_earlier_one(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using var store = new PipelineStore(temp.Store);
        Register(store, "churn");
        Register(store, "churn");

        var none = Assert.Throws<InvalidOperationException>(() => store.Rollback("churn", "oncall", null));
        Assert.Contains("churn has no version in production", none.Message, StringComparison.Ordinal);

        store.Promote("churn", 2, "production", "bob", Approval);
        var only = Assert.Throws<InvalidOperationException>(() => store.Rollback("churn", "oncall", "why not"));
        Assert.Contains("churn v2 is the only version", only.Message, StringComparison.Ordinal);
        Assert.Contains("no earlier production version", only.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<InvalidOperationException>(() => store.Rollback("nope", "oncall", null));
        Assert.Contains("'nope'", unknown.Message, StringComparison.Ordinal);

        AssertUnchanged(store, "churn", 2, ModelStages.Production, auditRows: 1);
        Assert.Equal(ModelStages.None, store.GetModelVersion("churn", 1)!.Stage);
    }

    [Theory]
    [StoreProviders]
    public void The_audit_log_refuses_update_and_delete(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using (var store = new PipelineStore(temp.Store))
        {
            Register(store, "churn");
            store.Promote("churn", 1, "staging", "bob", null);
        }

        using var connection = temp.OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE audit_log SET actor = 'mallory'";
        var update = Assert.ThrowsAny<DbException>(() => command.ExecuteNonQuery());
        Assert.Contains("audit_log is append-only", update.Message, StringComparison.Ordinal);
        command.CommandText = "DELETE FROM audit_log";
        var delete = Assert.ThrowsAny<DbException>(() => command.ExecuteNonQuery());
        Assert.Contains("audit_log is append-only", delete.Message, StringComparison.Ordinal);

        using var reopened = new PipelineStore(temp.Store);
        Assert.Equal("bob", Assert.Single(reopened.ListAudit()).Actor);
    }

    [Theory]
    [StoreProviders]
    public void A_second_production_version_cannot_be_written_around_promote(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        using (var store = new PipelineStore(temp.Store))
        {
            Register(store, "churn");
            Register(store, "churn");
            store.Promote("churn", 1, "production", "bob", Approval);
        }

        using var connection = temp.OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE model_versions SET stage = 'production' WHERE name = 'churn' AND version = 2";
        Assert.ThrowsAny<DbException>(() => command.ExecuteNonQuery());
    }

    [Theory]
    [StoreProviders]
    public async Task Two_stores_promoting_concurrently_keep_exactly_one_production_version(StoreProvider provider)
    {
        using var temp = new TestStore(provider);
        const int versions = 8;
        using (var init = new PipelineStore(temp.Store))
        {
            for (var i = 0; i < versions; i++)
            {
                Register(init, "churn");
            }
        }

        var start = new ManualResetEventSlim();
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            // Each writer has its own store (its own connection), as two processes would.
            using var store = new PipelineStore(temp.Store);
            start.Wait();
            for (var v = 1 + w; v <= versions; v += 2)
            {
                store.Promote("churn", v, "production", $"writer{w}", $"approver{w}: concurrent test");
                Assert.Single(store.ListModelVersions("churn"), m => m.Stage == ModelStages.Production);
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(writers);

        using var check = new PipelineStore(temp.Store);
        var all = check.ListModelVersions("churn");
        var champion = Assert.Single(all, m => m.Stage == ModelStages.Production);
        Assert.All(all.Where(m => m.Version != champion.Version), m => Assert.Equal(ModelStages.Archived, m.Stage));
        var log = check.ListAudit("churn");
        Assert.Equal(versions, log.Count(a => a.Action == AuditRecord.PromoteAction));
        Assert.Equal(versions - 1, log.Count(a => a.Action == AuditRecord.ArchiveAction));

        // Replaying the log gives the same single champion: every promotion archived the one before it.
        var stages = new Dictionary<int, string>();
        foreach (var row in log)
        {
            if (row.ToStage == ModelStages.Production)
            {
                Assert.DoesNotContain(ModelStages.Production, stages.Values);
            }

            stages[row.Version!.Value] = row.ToStage!;
        }

        Assert.Equal(champion.Version, stages.Single(s => s.Value == ModelStages.Production).Key);
    }

    [Fact]
    public void Stage_names_are_validated()
    {
        Assert.True(ModelStages.IsValid("production"));
        Assert.False(ModelStages.IsValid("Production"));
        Assert.True(ModelStages.TryParse(" Production ", out var stage));
        Assert.Equal(ModelStages.Production, stage);
        Assert.False(ModelStages.TryParse("canary", out _));
        var e = Assert.Throws<ArgumentException>(() => ModelStages.Parse("canary"));
        Assert.Contains("none, staging, production or archived", e.Message, StringComparison.Ordinal);
    }

    private static string Register(PipelineStore store, string name, bool gatesPassed = true)
    {
        var runId = store.CreateRun(name);
        store.LogMetrics(runId, new Dictionary<string, double> { ["auc"] = 0.9 });
        store.RegisterModelVersion(name, runId, new string('a', 64), new Dictionary<string, string> { ["data_hash"] = "d" }, gatesPassed);
        return runId;
    }

    private static void AssertUnchanged(PipelineStore store, string name, int version, string stage, int auditRows = 0)
    {
        Assert.Equal(stage, store.GetModelVersion(name, version)!.Stage);
        Assert.Equal(auditRows, store.ListAudit(name).Count);
    }
}
