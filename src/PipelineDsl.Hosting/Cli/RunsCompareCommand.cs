using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PipelineDsl.Runtime.Store;
using Spectre.Console;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>runs compare A B</c>: two runs side by side (A and B are run ids or unique prefixes of them): the parameters
/// that differ, every headline metric with its delta (B - A) marked improved or regressed, the data snapshots and the
/// lineage of the versions they registered, and how each node ended (computed, cached, failed...).
/// </summary>
internal static class RunsCompareCommand
{
    /// <summary>How many candidates an ambiguous prefix lists.</summary>
    private const int CandidatesShown = 10;

    public static Command Create(CliContext context)
    {
        var first = new Argument<string>("A") { Description = "Run A: a run id or a unique prefix of one (the baseline)." };
        var second = new Argument<string>("B") { Description = "Run B: a run id or a unique prefix of one (compared with A)." };
        var json = CliOptions.Json();
        var command = new Command("compare", "Compare two runs: differing parameters, metric deltas (B - A), data and lineage, node outcomes.")
        {
            first, second, json,
        };
        command.SetAction(parse =>
        {
            var storePath = CliOptions.StorePath(parse);
            using var store = StoreAccess.OpenExisting(storePath)
                ?? throw new CliUsageException($"no store at {storePath}: there are no runs to compare; run `dotnet run -- run` first.");
            var a = Load(store, "A", parse.GetValue(first));
            var b = Load(store, "B", parse.GetValue(second));
            var versions = store.ListModelVersions();
            var comparison = RunComparison.Compare(a, b, RegisteredBy(versions, a.Run.Id), RegisteredBy(versions, b.Run.Id));
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonOutput.Write(w => WriteJson(w, comparison)));
            }
            else
            {
                Print(context.Console, comparison);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The run <paramref name="prefix"/> names: the run with that id, or the only run whose id starts with it.</summary>
    /// <exception cref="CliUsageException">The prefix is empty, matches no run, or matches several (they are listed).</exception>
    internal static RunDetails Load(PipelineStore store, string label, string? prefix)
    {
        if (string.IsNullOrWhiteSpace(prefix))
        {
            throw new CliUsageException($"run {label} is empty: give a run id or a prefix of one (see `runs`).");
        }

        prefix = prefix.Trim();
        var matches = store.FindRunsByIdPrefix(prefix, CandidatesShown + 1);
        if (matches.Count == 0)
        {
            throw new CliUsageException($"run {label}: no run id starts with '{prefix}' (see `runs` for the ids).");
        }

        if (matches.Count > 1 && matches[0].Id != prefix)
        {
            var shown = string.Join(", ", matches.Take(CandidatesShown).Select(r => $"{r.Id} ({r.Pipeline}, {r.Status})"));
            var count = matches.Count > CandidatesShown
                ? $"more than {CandidatesShown} runs, among them"
                : $"{matches.Count} runs";
            throw new CliUsageException($"run {label}: '{prefix}' is ambiguous, it matches {count}: {shown}; give more of the id.");
        }

        return store.GetRun(matches[0].Id) ?? throw new CliUsageException($"run {label}: run {matches[0].Id} disappeared while it was read.");
    }

    /// <summary>The (latest) model version run <paramref name="runId"/> registered, if it registered one.</summary>
    private static ModelVersionRecord? RegisteredBy(IReadOnlyList<ModelVersionRecord> versions, string runId) =>
        versions.Where(v => v.RunId == runId).OrderBy(v => v.CreatedUtc).ThenBy(v => v.Version).LastOrDefault();

    private static void Print(IAnsiConsole console, RunComparison c)
    {
        var runs = new Table().AddColumns("", "run", "pipeline", "started (UTC)", "status");
        runs.AddRow("A", Markup.Escape(c.A.Id), Markup.Escape(c.A.Pipeline), Time(c.A.StartedUtc), Status(c.A.Status));
        runs.AddRow("B", Markup.Escape(c.B.Id), Markup.Escape(c.B.Pipeline), Time(c.B.StartedUtc), Status(c.B.Status));
        console.Write(runs);

        console.WriteLine();
        if (c.Params.Count == 0)
        {
            console.MarkupLine("[bold]params[/]: the same");
        }
        else
        {
            console.MarkupLine($"[bold]params[/]: {c.Params.Count} differ");
            var table = new Table().AddColumns("param", "A", "B", "");
            foreach (var p in c.Params)
            {
                table.AddRow(Markup.Escape(p.Key), Markup.Escape(p.A ?? "-"), Markup.Escape(p.B ?? "-"), Markup.Escape(Describe(p.Change)));
            }

            console.Write(table);
        }

        console.WriteLine();
        if (c.Metrics.Count == 0)
        {
            console.MarkupLine("[bold]metrics[/]: neither run has any");
        }
        else
        {
            console.MarkupLine("[bold]metrics[/] (step 0; delta = B - A)");
            var table = new Table().AddColumns("metric", "A", "B", "delta", "");
            foreach (var m in c.Metrics)
            {
                table.AddRow(
                    Markup.Escape(m.Key),
                    Value(m.A),
                    Value(m.B),
                    m.Delta is { } d ? Markup.Escape(Delta(d)) : "-",
                    m.Verdict switch
                    {
                        MetricVerdict.Improved => "[green]improved[/]",
                        MetricVerdict.Regressed => "[red]regressed[/]",
                        var other => Markup.Escape(Describe(other)),
                    });
            }

            console.Write(table);
        }

        console.WriteLine();
        console.MarkupLine("[bold]data[/]");
        var data = c.Data;
        console.MarkupLine(data.SameData
            ? $"  snapshot: the same ({Markup.Escape(ModelsCommand.Short(data.HashA))})"
            : $"  snapshot: different (A {Markup.Escape(ModelsCommand.Short(data.HashA))}, B {Markup.Escape(ModelsCommand.Short(data.HashB))})");
        console.MarkupLine($"  models: A {Markup.Escape(data.ModelA?.ToString() ?? "registered none")}, B {Markup.Escape(data.ModelB?.ToString() ?? "registered none")}");
        if (data.Lineage is { } lineage)
        {
            var same = lineage.Facts.Where(f => f.Same).Select(f => f.Key).ToArray();
            if (same.Length > 0)
            {
                console.MarkupLine($"  lineage, the same: {Markup.Escape(string.Join(", ", same))}");
            }

            var facts = lineage.Facts.Where(f => !f.Same).ToArray();
            if (facts.Length > 0)
            {
                var table = new Table().AddColumns("lineage", "A", "B");
                foreach (var f in facts)
                {
                    table.AddRow(Markup.Escape(f.Key), Markup.Escape(Fact(f.Key, f.A)), Markup.Escape(Fact(f.Key, f.B)));
                }

                console.Write(table);
            }

            if (lineage.Features.Count == 0)
            {
                console.MarkupLine("  features: the same code");
            }
            else
            {
                var table = new Table().AddColumns("feature", "", "A", "B");
                foreach (var f in lineage.Features)
                {
                    table.AddRow(Markup.Escape(f.Name), Describe(f.Change), Markup.Escape(ModelsCommand.Short(f.A)), Markup.Escape(ModelsCommand.Short(f.B)));
                }

                console.Write(table);
            }
        }
        else if (data.ModelA is not null || data.ModelB is not null)
        {
            console.MarkupLine("  lineage: only one run registered a version, so there is no lineage to compare");
        }

        console.WriteLine();
        console.MarkupLine($"[bold]nodes[/]: A cached {Count(c.Nodes, n => n.A)}, B cached {Count(c.Nodes, n => n.B)}");
        var nodes = new Table().AddColumns("node", "A", "B");
        foreach (var n in c.Nodes)
        {
            nodes.AddRow(Markup.Escape(n.NodeId), NodeStatus(n.A), NodeStatus(n.B));
        }

        console.Write(nodes);
    }

    private static string Count(IReadOnlyList<NodeOutcome> nodes, Func<NodeOutcome, string?> status) =>
        $"{nodes.Count(n => status(n) == "cached")} of {nodes.Count(n => status(n) is not null)}";

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Status(string status) => status == "succeeded" ? "[green]succeeded[/]" : $"[red]{Markup.Escape(status)}[/]";

    private static string NodeStatus(string? status) => status switch
    {
        null => "-",
        "completed" or "cached" => Markup.Escape(status),
        _ => $"[red]{Markup.Escape(status)}[/]",
    };

    private static string Value(double? value) => value switch
    {
        null => "-",
        { } v when double.IsNaN(v) => "NaN",
        { } v => v.ToString("0.######", CultureInfo.InvariantCulture),
    };

    private static string Delta(double delta) =>
        double.IsNaN(delta) ? "NaN" : (delta > 0 ? "+" : "") + delta.ToString("G4", CultureInfo.InvariantCulture);

    // Hashes are shortened; commits and versions are short enough to print whole.
    private static string Fact(string key, string? value) => value is null ? "-" : key.EndsWith("hash", StringComparison.Ordinal) ? ModelsCommand.Short(value) : value;

    private static string Describe(ParamChange change) => change switch
    {
        ParamChange.OnlyInA => "only in A",
        ParamChange.OnlyInB => "only in B",
        _ => "changed",
    };

    private static string Describe(MetricVerdict verdict) => verdict switch
    {
        MetricVerdict.Unchanged => "unchanged",
        MetricVerdict.Improved => "improved",
        MetricVerdict.Regressed => "regressed",
        MetricVerdict.OnlyInA => "only in A",
        MetricVerdict.OnlyInB => "only in B",
        _ => "undefined",
    };

    private static string Describe(FeatureChange change) => change switch
    {
        FeatureChange.Added => "added",
        FeatureChange.Removed => "removed",
        _ => "changed",
    };

    private static string Snake(string text) => text.Replace(" ", "_", StringComparison.Ordinal);

    private static void WriteJson(Utf8JsonWriter w, RunComparison c)
    {
        w.WriteStartObject();
        WriteRun(w, "a", c.A, c.Data.ModelA);
        WriteRun(w, "b", c.B, c.Data.ModelB);

        w.WriteStartArray("params");
        foreach (var p in c.Params)
        {
            w.WriteStartObject();
            w.WriteString("key", p.Key);
            w.WriteString("a", p.A);
            w.WriteString("b", p.B);
            w.WriteString("change", Snake(Describe(p.Change)));
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("metrics");
        foreach (var m in c.Metrics)
        {
            w.WriteStartObject();
            w.WriteString("key", m.Key);
            WriteNullableNumber(w, "a", m.A);
            WriteNullableNumber(w, "b", m.B);
            WriteNullableNumber(w, "delta", m.Delta);
            w.WriteBoolean("higherIsBetter", m.HigherIsBetter);
            w.WriteString("verdict", Snake(Describe(m.Verdict)));
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartObject("data");
        w.WriteString("a", c.Data.HashA);
        w.WriteString("b", c.Data.HashB);
        w.WriteBoolean("same", c.Data.SameData);
        if (c.Data.Lineage is { } lineage)
        {
            w.WriteStartObject("lineage");
            w.WriteBoolean("same", lineage.Same);
            w.WriteStartArray("facts");
            foreach (var f in lineage.Facts)
            {
                w.WriteStartObject();
                w.WriteString("key", f.Key);
                w.WriteString("a", f.A);
                w.WriteString("b", f.B);
                w.WriteBoolean("same", f.Same);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("features");
            foreach (var f in lineage.Features)
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteString("change", Describe(f.Change));
                w.WriteString("a", f.A);
                w.WriteString("b", f.B);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("lineage");
        }

        w.WriteEndObject();

        w.WriteStartArray("nodes");
        foreach (var n in c.Nodes)
        {
            w.WriteStartObject();
            w.WriteString("id", n.NodeId);
            w.WriteString("a", n.A);
            w.WriteString("b", n.B);
            w.WriteBoolean("same", n.Same);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter w, string name, RunRecord run, ModelVersionRef? model)
    {
        w.WriteStartObject(name);
        w.WriteString("id", run.Id);
        w.WriteString("pipeline", run.Pipeline);
        w.WriteString("status", run.Status);
        w.WriteString("startedUtc", run.StartedUtc.ToString("O", CultureInfo.InvariantCulture));
        if (model is null)
        {
            w.WriteNull("model");
        }
        else
        {
            w.WriteStartObject("model");
            w.WriteString("name", model.Name);
            w.WriteNumber("version", model.Version);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    // Missing: null; undefined (NaN) or infinite: null as well, as JsonOutput.WriteNumber writes it.
    private static void WriteNullableNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            JsonOutput.WriteNumber(w, name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
