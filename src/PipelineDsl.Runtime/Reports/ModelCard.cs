using System.Globalization;
using PipelineDsl.Runtime.Data;
using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// Builds the model card of a registered version from the store: identity and stage, intended use, the training data
/// (snapshot and per-column statistics), the features and their code hashes, the model and its hyperparameters, the
/// holdout metrics, slices and fairness rates, the gate verdicts, the approvals and stage history, the full lineage and
/// how to reproduce it; the HTML rendering adds the holdout plots and the permutation importance chart, computed by
/// replaying the version's holdout (<see cref="HoldoutReplay{TRow}"/>).
/// </summary>
internal static class ModelCard
{
    /// <summary>Renders the card of version <paramref name="version"/> of <paramref name="pipeline"/>'s model.</summary>
    /// <exception cref="InvalidOperationException">No store at <paramref name="storePath"/>, or no such version.</exception>
    public static ModelCardDocument Render<TRow>(PipelineDefinition<TRow> pipeline, string storePath, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentException.ThrowIfNullOrWhiteSpace(storePath);
        if (!PipelineStore.Exists(storePath))
        {
            throw new InvalidOperationException($"No store at {Path.GetFullPath(storePath)}: run the pipeline first.");
        }

        using var store = PipelineStore.Open(storePath);
        var record = store.GetModelVersion(pipeline.Name, version)
            ?? throw new InvalidOperationException($"Model {pipeline.Name} has no version {version} in the store at {store.StorePath}.");
        var run = store.GetRun(record.RunId);
        var parameters = run?.Params ?? new Dictionary<string, string>();
        var task = Enum.TryParse<MlTask>(parameters.GetValueOrDefault("task"), out var recordedTask) ? recordedTask : pipeline.Model.Task;

        HoldoutReplay<TRow>? replay = null;
        PermutationImportanceResult? importance = null;
        string? omitted = null;
        try
        {
            replay = HoldoutReplay<TRow>.Run(pipeline, store, record, cancellationToken);
            importance = PermutationImportance.Compute(
                replay.Model, replay.Matrix, replay.RowCount, replay.FeatureNames, replay.Labels, replay.Task, cancellationToken: cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            omitted = e.Message;
            replay = null;
        }

        var subject = $"{record.Name} v{record.Version}";
        var document = new ReportDocument($"Model card: {subject}");
        document.Heading(1, $"Model card: {subject}", "top");
        document.Facts(
        [
            ("model", ReportInline.Code(record.Name)),
            ("version", ReportFormat.Count(record.Version)),
            ("stage", ReportInline.Code(record.Stage)),
            ("created", ReportFormat.Time(record.CreatedUtc)),
            ("gates", record.GatesPassed ? new ReportInline("passed", InlineKind.Good) : new ReportInline("FAILED: this version can never be promoted", InlineKind.Bad)),
            ("trained by run", ReportInline.Code(record.RunId)),
            ("model artifact", ReportInline.Code("sha256:" + record.ArtifactHash)),
        ]);

        IntendedUse(document, pipeline, record, parameters, task);
        Data(document, store, record, parameters);
        Features(document, pipeline, record);
        Model(document, record, parameters, task);

        document.Heading(2, "Metrics (holdout)", "metrics");
        ReportSections.Metrics(document, record.Metrics, task);

        document.Heading(2, "Holdout plots", "plots");
        if (replay is not null)
        {
            ReportSections.HoldoutPlots(document, replay, record.Metrics);
        }
        else
        {
            document.Paragraph(ReportInline.Plain("Not available: " + omitted));
        }

        document.Heading(2, "Feature importance", "importance");
        if (importance is not null)
        {
            ReportSections.Importance(document, importance, subject);
        }
        else
        {
            document.Paragraph(ReportInline.Plain("Not available: " + omitted));
        }

        document.Heading(2, "Slices", "slices");
        if (!ReportSections.Slices(document, record.Metrics, task))
        {
            document.Paragraph(ReportInline.Plain("No slice metrics: the pipeline declares no slice gate."));
        }

        document.Heading(2, "Fairness", "fairness");
        if (!ReportSections.Fairness(document, record.Metrics))
        {
            document.Paragraph(ReportInline.Plain("No fairness metrics: the pipeline declares no fairness gate."));
        }

        document.Heading(2, "Gate verdicts", "gates");
        ReportSections.Gates(document, run?.Gates ?? []);

        document.Heading(2, "Approvals and stage history", "history");
        var history = store.ListAudit(record.Name).Where(a => a.Version == record.Version).ToArray();
        if (history.Length == 0)
        {
            document.Paragraph(ReportInline.Plain("No stage change or approval yet: the version is in stage "), ReportInline.Code(record.Stage), ReportInline.Plain("."));
        }
        else
        {
            document.Table(
                ["when", "who", "action", "from", "to", "reason", "details"],
                history.Select(a => (IReadOnlyList<ReportInline>)
                [
                    ReportFormat.Time(a.AtUtc),
                    ReportInline.Plain(a.Actor),
                    ReportInline.Code(a.Action),
                    ReportInline.Code(a.FromStage ?? "-"),
                    ReportInline.Code(a.ToStage ?? "-"),
                    ReportInline.Plain(a.Reason ?? "-"),
                    ReportInline.Plain(a.Details ?? "-"),
                ]));
        }

        document.Heading(2, "Lineage", "lineage");
        document.Table(
            ["key", "value"],
            record.Lineage.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => (IReadOnlyList<ReportInline>)[ReportInline.Code(l.Key), ReportInline.Code(l.Value)]));

        document.Heading(2, "Reproduce", "reproduce");
        var commit = record.Lineage.GetValueOrDefault("git_commit");
        document.Paragraph(ReportInline.Plain(
            "Retrain this version from its lineage (its data snapshots from the store, the code at its commit, its seed) and compare every metric, "
            + "from the project folder whose store holds it (or pass --store):"));
        document.Code(
            (commit is { Length: >= 7 } && commit != "unknown" ? $"git checkout {commit}\n" : string.Empty)
            + $"dotnet run -- reproduce {ShellWord(record.Name)} {record.Version.ToString(CultureInfo.InvariantCulture)}",
            "bash");

        return new ModelCardDocument(record.Name, record.Version, MarkdownRenderer.Render(document), HtmlRenderer.Render(document), omitted);
    }

    private static void IntendedUse<TRow>(ReportDocument document, PipelineDefinition<TRow> pipeline, ModelVersionRecord record, IReadOnlyDictionary<string, string> parameters, MlTask task)
    {
        document.Heading(2, "Intended use", "intended-use");
        var dataset = record.Lineage.GetValueOrDefault("dataset", pipeline.Dataset.Name);
        var featureSet = record.Lineage.GetValueOrDefault("feature_set", pipeline.FeatureSet.Name);
        var features = record.Lineage.Keys.Count(IsFeatureHash);
        var trainer = parameters.GetValueOrDefault("trainer", pipeline.Model.Trainer.ToString());
        var label = pipeline.Dataset.LabelMember;
        document.Paragraph(
            ReportInline.Plain(task == MlTask.BinaryClassification ? "Estimates, for one row of dataset " : "Predicts, for one row of dataset "),
            ReportInline.Code(dataset),
            ReportInline.Plain(task == MlTask.BinaryClassification ? ", the probability that " : ", the value of "),
            ReportInline.Code(label),
            ReportInline.Plain(task == MlTask.BinaryClassification ? " is true" : string.Empty),
            ReportInline.Plain($" ({(task == MlTask.BinaryClassification ? "binary classification" : "regression")} by {trainer}), from the {features} features of feature set "),
            ReportInline.Code(featureSet),
            ReportInline.Plain(". Pipeline "),
            ReportInline.Code(pipeline.Name),
            ReportInline.Plain(" trained it and judged it on a holdout of the data below: use it for rows drawn from the same population, "
                + "scored through the same generated feature code (the predict verb or the predictor), and serve only a version that passed every gate."));
        document.Paragraph(record.GatesPassed
            ? ReportInline.Plain("This version passed every gate, so it may be promoted to staging or (with an approval) production.")
            : new ReportInline("This version failed at least one gate: it is registered for comparison and reproduction only, and can never be promoted.", InlineKind.Bad));
    }

    private static void Data(ReportDocument document, PipelineStore store, ModelVersionRecord record, IReadOnlyDictionary<string, string> parameters)
    {
        document.Heading(2, "Data", "data");
        var hash = record.Lineage.GetValueOrDefault("data_hash");
        var snapshot = hash is { Length: 64 } ? store.GetDatasetVersion(hash) : null;
        var profile = hash is { Length: 64 } ? store.GetDatasetProfile(hash) : null;
        var rows = snapshot?.Rows ?? profile?.Rows
            ?? (int.TryParse(parameters.GetValueOrDefault("rows.total"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var total) ? total : (int?)null);
        var facts = new List<(string, ReportInline)>
        {
            ("dataset", ReportInline.Code(record.Lineage.GetValueOrDefault("dataset", snapshot?.Dataset ?? "-"))),
            ("snapshot", ReportInline.Code(hash is null ? "-" : "sha256:" + hash)),
            ("rows", rows is { } r ? ReportFormat.Count(r) : "-"),
            ("schema hash", ReportInline.Code(record.Lineage.GetValueOrDefault("schema_hash", snapshot?.SchemaHash ?? "-"))),
            ("read from", ReportInline.Code(record.Lineage.GetValueOrDefault("source_path", snapshot?.SourcePath ?? "-"))),
        };
        if (snapshot is not null)
        {
            facts.Add(("first stored", ReportFormat.Time(snapshot.CreatedUtc)));
        }

        if (parameters.TryGetValue("split.strategy", out var strategy))
        {
            // The share actually held out (a time split with a cut-off ignores the declared fraction).
            var share = int.TryParse(parameters.GetValueOrDefault("rows.train"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var train)
                && int.TryParse(parameters.GetValueOrDefault("rows.test"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var test) && train + test > 0
                ? $" ({ReportFormat.Percent((double)test / (train + test))} held out)"
                : string.Empty;
            facts.Add(("split", ReportInline.Plain(
                $"{strategy} split, seed {parameters.GetValueOrDefault("split.seed", "?")}: "
                + $"{parameters.GetValueOrDefault("rows.train", "?")} training rows, {parameters.GetValueOrDefault("rows.test", "?")} holdout rows{share}")));
        }

        foreach (var joined in record.Lineage.Keys.Where(k => k.StartsWith("joined.", StringComparison.Ordinal) && k.EndsWith(".data_hash", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = joined["joined.".Length..^".data_hash".Length];
            var joinedRows = store.GetDatasetVersion(record.Lineage[joined])?.Rows;
            facts.Add(($"joined dataset {name}", ReportInline.Code(
                "sha256:" + record.Lineage[joined] + (joinedRows is { } jr ? $" ({ReportFormat.Count(jr)} rows)" : string.Empty))));
        }

        document.Facts(facts);
        if (profile is null)
        {
            document.Paragraph(ReportInline.Plain("No column statistics are stored for this snapshot (it was stored before profiles were recorded)."));
            return;
        }

        document.Heading(3, "Columns");
        document.Table(
            ["column", "type", "role", "nulls", "statistics"],
            profile.Columns.Select(c =>
            {
                var schema = profile.SchemaOf(c.Column);
                return (IReadOnlyList<ReportInline>)
                [
                    ReportInline.Code(c.Column),
                    ReportInline.Plain(schema?.Type.ToString() ?? c.Kind.ToString()),
                    ReportInline.Plain(schema is null || schema.Role == ColumnRole.None ? "-" : schema.Role.ToString()),
                    ReportFormat.Percent(c.NullRate),
                    ReportInline.Plain(Statistics(c)),
                ];
            }),
            [false, false, false, true, false]);
    }

    /// <summary>A column's statistics on one line: moments and quartiles, top values, or time range.</summary>
    private static string Statistics(ColumnProfile column)
    {
        if (column.ValueCount == 0)
        {
            return "no values";
        }

        return column.Kind switch
        {
            ColumnProfileKind.Numeric =>
                $"mean {ReportFormat.Number(column.Mean)}, std {ReportFormat.Number(column.Std)}, min {ReportFormat.Number(column.Min)}, "
                + $"p25 {ReportFormat.Number(column.Quantile("p25"))}, p50 {ReportFormat.Number(column.Quantile("p50"))}, "
                + $"p75 {ReportFormat.Number(column.Quantile("p75"))}, max {ReportFormat.Number(column.Max)}",
            ColumnProfileKind.Categorical =>
                $"{ReportFormat.Count(column.DistinctCount ?? 0)} distinct; top: "
                + string.Join(", ", column.TopValues.Take(5).Select(v => $"{v.Value} ({ReportFormat.Count(v.Count)})"))
                + (column.TopValues.Count > 5 || !column.TopValuesComplete ? ", ..." : string.Empty),
            ColumnProfileKind.DateTime =>
                column.MinTime is { } from && column.MaxTime is { } to ? $"{ReportFormat.Time(from)} to {ReportFormat.Time(to)}" : "no values",
            _ => "-",
        };
    }

    private static void Features<TRow>(ReportDocument document, PipelineDefinition<TRow> pipeline, ModelVersionRecord record)
    {
        document.Heading(2, "Features", "features");
        var hashes = record.Lineage.Where(l => IsFeatureHash(l.Key))
            .ToDictionary(l => l.Key["feature.".Length..^".hash".Length], l => l.Value, StringComparer.Ordinal);
        var sameCode = string.Equals(record.Lineage.GetValueOrDefault("feature_set_hash"), pipeline.FeatureSet.Hash, StringComparison.OrdinalIgnoreCase);
        document.Paragraph(
            ReportInline.Plain("Feature set "),
            ReportInline.Code(record.Lineage.GetValueOrDefault("feature_set", pipeline.FeatureSet.Name)),
            ReportInline.Plain(", hash "),
            ReportInline.Code(record.Lineage.GetValueOrDefault("feature_set_hash", "-")),
            ReportInline.Plain(sameCode
                ? ": the feature code of this build (a feature's hash covers its method's tokens, so any edit to it changes the hash)."
                : ": NOT the feature code of this build, which hashes to " + pipeline.FeatureSet.Hash + "."));

        // Vector order and method names when this build's features are the version's; otherwise the lineage's names.
        var rows = sameCode
            ? pipeline.FeatureSet.Features.Select((f, i) => (Index: i + 1, f.Name, Method: f.Method, Hash: hashes.GetValueOrDefault(f.Name, f.CodeHash))).ToArray()
            : hashes.OrderBy(h => h.Key, StringComparer.Ordinal).Select((h, i) => (Index: i + 1, Name: h.Key, Method: "-", Hash: h.Value)).ToArray();
        document.Table(
            ["#", "feature", "method", "code hash"],
            rows.Select(r => (IReadOnlyList<ReportInline>)[ReportFormat.Count(r.Index), ReportInline.Code(r.Name), ReportInline.Code(r.Method), ReportInline.Code(ReportFormat.ShortHash(r.Hash))]),
            [true, false, false, false]);
    }

    private static void Model(ReportDocument document, ModelVersionRecord record, IReadOnlyDictionary<string, string> parameters, MlTask task)
    {
        document.Heading(2, "Model", "model");
        document.Facts(
        [
            ("model class", ReportInline.Code(record.Lineage.GetValueOrDefault("model", "-"))),
            ("trainer", ReportInline.Code(parameters.GetValueOrDefault("trainer", "-"))),
            ("task", ReportInline.Code(parameters.GetValueOrDefault("task", task.ToString()))),
            ("config hash", ReportInline.Code(record.Lineage.GetValueOrDefault("model_config_hash", "-"))),
            ("ML.NET", ReportInline.Code(record.Lineage.GetValueOrDefault("mlnet_version", "-"))),
            (".NET", ReportInline.Code(record.Lineage.GetValueOrDefault("dotnet_version", "-"))),
        ]);
        var hyperparameters = parameters.Where(p => p.Key.StartsWith("hp.", StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        if (hyperparameters.Length == 0)
        {
            document.Paragraph(ReportInline.Plain("No hyperparameters were recorded: the trainer's defaults."));
            return;
        }

        document.Table(
            ["hyperparameter", "value"],
            hyperparameters.Select(p => (IReadOnlyList<ReportInline>)[ReportInline.Code(p.Key[3..]), ReportInline.Code(p.Value)]));
    }

    private static bool IsFeatureHash(string key) =>
        key.StartsWith("feature.", StringComparison.Ordinal) && key.EndsWith(".hash", StringComparison.Ordinal) && key.Length > "feature..hash".Length;

    /// <summary>A model name as one shell word: as it is when it is plain, single-quoted otherwise.</summary>
    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
