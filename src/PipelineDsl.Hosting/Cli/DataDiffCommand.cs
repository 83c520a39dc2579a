using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PipelineDsl.Runtime.Data;
using PipelineDsl.Runtime.Store;
using Spectre.Console;

namespace PipelineDsl.Hosting;

/// <summary>
/// <c>data diff V1 V2</c>: what changed from one dataset version to another: schema, row count, and per column the
/// shift of its statistics (numeric: null rate, moments, quantiles and the standardized mean shift; categorical:
/// distinct count and top values; date-time: range).
/// </summary>
internal static class DataDiffCommand
{
    /// <summary>How many top-value changes a categorical column's table cell shows (JSON has them all).</summary>
    private const int ValueChangesShown = 6;

    public static Command Create(CliContext context)
    {
        var first = new Argument<string>("v1") { Description = "The earlier version: its hash, or a unique prefix of at least 6 hex characters." };
        var second = new Argument<string>("v2") { Description = "The later version: its hash, or a unique prefix of at least 6 hex characters." };
        var json = CliOptions.Json();
        var command = new Command("diff", "Compare two dataset versions: schema changes, row counts and per-column distribution shifts.") { first, second, json };
        command.SetAction(parse =>
        {
            var path = CliOptions.StorePath(parse);
            using var store = StoreAccess.OpenExisting(path)
                ?? throw new InvalidOperationException($"no store at {path}: no dataset version is recorded yet (run `dotnet run -- run` first, or pass --store DIR).");
            var before = Load(store, parse.GetValue(first)!);
            var after = Load(store, parse.GetValue(second)!);
            var diff = DatasetDiff.Compare(before.Profile, after.Profile);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonOutput.Write(w => WriteJson(w, before, after, diff)));
            }
            else
            {
                WriteTables(context.Console, before, after, diff);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private sealed record Side(string Hash, DatasetVersionRecord? Version, DatasetProfile Profile);

    private static Side Load(PipelineStore store, string id)
    {
        string hash;
        try
        {
            hash = store.ResolveDatasetVersion(id);
        }
        catch (ArgumentException)
        {
            throw new CliUsageException(
                $"'{id}' is not a dataset version id: give its SHA-256 hash or at least its first {PipelineStore.MinimumVersionPrefix} hex characters (`data log` lists them).");
        }

        var profile = store.GetDatasetProfile(hash) ?? throw new InvalidOperationException(
            $"dataset version {ModelsCommand.Short(hash)} has no column statistics: it was stored before they were recorded. " +
            "Run the pipeline on that file again with `run --force` to compute them.");
        return new Side(hash, store.GetDatasetVersion(hash), profile);
    }

    private static void WriteTables(IAnsiConsole console, Side before, Side after, DatasetDiff diff)
    {
        console.MarkupLine(Markup.Escape($"{Describe(before)} -> {Describe(after)}"));
        if (!diff.Changed)
        {
            console.MarkupLine("[green]no differences[/]: same schema, same rows, same statistics");
            return;
        }

        var summary = new Table().AddColumns("", "before", "after", "change");
        summary.AddRow("rows", Whole(diff.Rows.Before), Whole(diff.Rows.After), Signed(diff.Rows.Delta));
        summary.AddRow("columns", Count(before.Profile.Schema.Count), Count(after.Profile.Schema.Count), Signed(after.Profile.Schema.Count - before.Profile.Schema.Count));
        console.Write(summary);

        if (diff.SchemaChanges.Count == 0)
        {
            console.MarkupLine("schema: unchanged");
        }
        else
        {
            var schema = new Table().Title("schema changes").AddColumns("change", "column", "before", "after");
            foreach (var change in diff.SchemaChanges)
            {
                schema.AddRow(Markup.Escape(Name(change.Kind)), Markup.Escape(change.Column), Markup.Escape(change.Before ?? "-"), Markup.Escape(change.After ?? "-"));
            }

            console.Write(schema);
        }

        if (diff.NumericShifts.Count > 0)
        {
            var numeric = new Table().Title("numeric columns (`--json` has every quantile)")
                .AddColumns("column", "null rate", "mean", "std", "min", "p50", "max", "mean shift (std)");
            foreach (var shift in diff.NumericShifts)
            {
                numeric.AddRow(
                    Markup.Escape(shift.Column),
                    Markup.Escape(Pair(shift.Stat("null_rate"), Percent)),
                    Markup.Escape(Pair(shift.Stat("mean"), Number)),
                    Markup.Escape(Pair(shift.Stat("std"), Number)),
                    Markup.Escape(Pair(shift.Stat("min"), Number)),
                    Markup.Escape(Pair(shift.Stat("p50"), Number)),
                    Markup.Escape(Pair(shift.Stat("max"), Number)),
                    shift.StandardizedMeanShift is { } z
                        ? (Math.Abs(z) >= 0.25 ? $"[yellow]{Signed(z)}[/]" : Signed(z))
                        : (shift.Stat("mean") is { Changed: true } ? "n/a (std was 0)" : "-"));
            }

            console.Write(numeric);
        }

        if (diff.CategoricalShifts.Count > 0)
        {
            var categorical = new Table().Title("categorical columns").AddColumns("column", "distinct", "null rate", "top values");
            foreach (var shift in diff.CategoricalShifts)
            {
                var distinct = shift.DistinctBefore == shift.DistinctAfter
                    ? Count(shift.DistinctAfter)
                    : $"{Count(shift.DistinctBefore)} -> {Count(shift.DistinctAfter)}";
                var changes = shift.Values.Where(v => v.Status != TopValueStatus.Unchanged).ToArray();
                var values = changes.Length == 0
                    ? "unchanged"
                    : string.Join(", ", changes.Take(ValueChangesShown).Select(DescribeValue)) + (changes.Length > ValueChangesShown ? $", ... ({changes.Length - ValueChangesShown} more)" : "");
                categorical.AddRow(Markup.Escape(shift.Column), Markup.Escape(distinct), Markup.Escape(Pair(shift.NullRate, Percent)), Markup.Escape(values));
            }

            console.Write(categorical);
        }

        if (diff.DateTimeShifts.Count > 0)
        {
            var times = new Table().Title("date-time columns").AddColumns("column", "min", "max", "null rate");
            foreach (var shift in diff.DateTimeShifts)
            {
                times.AddRow(
                    Markup.Escape(shift.Column),
                    Markup.Escape(TimePair(shift.MinBefore, shift.MinAfter)),
                    Markup.Escape(TimePair(shift.MaxBefore, shift.MaxAfter)),
                    Markup.Escape(Pair(shift.NullRate, Percent)));
            }

            console.Write(times);
        }
    }

    private static string Describe(Side side) =>
        $"{side.Profile.Dataset} {ModelsCommand.Short(side.Hash)} ({side.Profile.Rows.ToString(CultureInfo.InvariantCulture)} rows" +
        (side.Version is { } version ? $", {version.CreatedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC, {version.SourcePath})" : ")");

    private static string DescribeValue(TopValueChange value) => value.Status switch
    {
        TopValueStatus.New or TopValueStatus.EnteredTop => $"+{value.Value} ({Percent(value.FrequencyAfter)}{(value.Status == TopValueStatus.New ? ", new" : "")})",
        TopValueStatus.Vanished or TopValueStatus.LeftTop => $"-{value.Value} ({Percent(value.FrequencyBefore)}{(value.Status == TopValueStatus.Vanished ? ", gone" : "")})",
        _ => $"{value.Value} {Percent(value.FrequencyBefore)} -> {Percent(value.FrequencyAfter)}",
    };

    private static string Pair(StatChange? stat, Func<double?, string> format) =>
        stat is null ? "-" : stat.Changed ? $"{format(stat.Before)} -> {format(stat.After)}" : format(stat.After);

    private static string TimePair(DateTime? before, DateTime? after) =>
        before == after ? Time(after) : $"{Time(before)} -> {Time(after)}";

    private static string Time(DateTime? time) => time?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";

    private static string Number(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture) ?? "-";

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "?";

    private static string Whole(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    private static string Count(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Signed(double value) => value.ToString("+0.####;-0.####;0", CultureInfo.InvariantCulture);

    /// <summary>An enum value in snake case, as the JSON names it: <c>TypeChanged</c> is <c>type_changed</c>.</summary>
    private static string Name<T>(T value)
        where T : struct, Enum
    {
        var text = value.ToString();
        var builder = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsUpper(text[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(text[i]));
        }

        return builder.ToString();
    }

    private static void WriteJson(Utf8JsonWriter w, Side before, Side after, DatasetDiff diff)
    {
        w.WriteStartObject();
        WriteSide(w, "before", before);
        WriteSide(w, "after", after);
        w.WriteBoolean("changed", diff.Changed);
        w.WriteStartObject("rows");
        w.WriteNumber("before", (int)diff.Rows.Before);
        w.WriteNumber("after", (int)diff.Rows.After);
        w.WriteNumber("delta", (int)diff.Rows.Delta);
        w.WriteEndObject();

        w.WriteStartArray("schemaChanges");
        foreach (var change in diff.SchemaChanges)
        {
            w.WriteStartObject();
            w.WriteString("kind", Name(change.Kind));
            w.WriteString("column", change.Column);
            w.WriteString("before", change.Before);
            w.WriteString("after", change.After);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("numeric");
        foreach (var shift in diff.NumericShifts)
        {
            w.WriteStartObject();
            w.WriteString("column", shift.Column);
            w.WriteBoolean("changed", shift.Changed);
            WriteNullable(w, "standardizedMeanShift", shift.StandardizedMeanShift);
            w.WriteStartObject("stats");
            foreach (var stat in shift.Stats)
            {
                WriteStat(w, stat.Name, stat);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("categorical");
        foreach (var shift in diff.CategoricalShifts)
        {
            w.WriteStartObject();
            w.WriteString("column", shift.Column);
            w.WriteBoolean("changed", shift.Changed);
            w.WriteStartObject("distinct");
            WriteNullable(w, "before", shift.DistinctBefore);
            WriteNullable(w, "after", shift.DistinctAfter);
            w.WriteEndObject();
            WriteStat(w, "nullRate", shift.NullRate);
            w.WriteStartArray("values");
            foreach (var value in shift.Values)
            {
                w.WriteStartObject();
                w.WriteString("value", value.Value);
                w.WriteString("status", Name(value.Status));
                WriteNullable(w, "countBefore", value.CountBefore);
                WriteNullable(w, "countAfter", value.CountAfter);
                WriteNullable(w, "frequencyBefore", value.FrequencyBefore);
                WriteNullable(w, "frequencyAfter", value.FrequencyAfter);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("datetime");
        foreach (var shift in diff.DateTimeShifts)
        {
            w.WriteStartObject();
            w.WriteString("column", shift.Column);
            w.WriteBoolean("changed", shift.Changed);
            WriteTimes(w, "min", shift.MinBefore, shift.MinAfter);
            WriteTimes(w, "max", shift.MaxBefore, shift.MaxAfter);
            WriteStat(w, "nullRate", shift.NullRate);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSide(Utf8JsonWriter w, string name, Side side)
    {
        w.WriteStartObject(name);
        w.WriteString("hash", side.Hash);
        w.WriteString("dataset", side.Profile.Dataset);
        w.WriteNumber("rows", side.Profile.Rows);
        w.WriteNumber("columns", side.Profile.Schema.Count);
        if (side.Version is { } version)
        {
            w.WriteString("createdUtc", version.CreatedUtc.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("sourcePath", version.SourcePath);
        }

        w.WriteEndObject();
    }

    private static void WriteStat(Utf8JsonWriter w, string name, StatChange stat)
    {
        w.WriteStartObject(name);
        JsonOutput.WriteNumber(w, "before", stat.Before);
        JsonOutput.WriteNumber(w, "after", stat.After);
        JsonOutput.WriteNumber(w, "delta", stat.Delta);
        w.WriteEndObject();
    }

    private static void WriteTimes(Utf8JsonWriter w, string name, DateTime? before, DateTime? after)
    {
        w.WriteStartObject(name);
        w.WriteString("before", before?.ToString("O", CultureInfo.InvariantCulture));
        w.WriteString("after", after?.ToString("O", CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } number)
        {
            JsonOutput.WriteNumber(w, name, number);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
