using System.Globalization;
using System.Text;
using System.Text.Json;
using PipelineDsl.Runtime.Data;

namespace PipelineDsl.Runtime.Store;

/// <summary>
/// The JSON the store keeps for a dataset profile, written and read field by field (no reflection, stable order):
/// the schema with the dataset's name and row count (<c>dataset_schemas.schema_json</c>) and each column's statistics
/// (<c>dataset_column_stats.stats_json</c>).
/// </summary>
internal static class DatasetProfileJson
{
    /// <summary>The name a kind has in the store's <c>kind</c> column.</summary>
    public static string KindName(ColumnProfileKind kind) => kind switch
    {
        ColumnProfileKind.Numeric => "numeric",
        ColumnProfileKind.Categorical => "categorical",
        _ => "datetime",
    };

    /// <summary>The kind named <paramref name="name"/> in the store.</summary>
    /// <exception cref="InvalidDataException">The name is not one the store writes.</exception>
    public static ColumnProfileKind ParseKind(string name) => name switch
    {
        "numeric" => ColumnProfileKind.Numeric,
        "categorical" => ColumnProfileKind.Categorical,
        "datetime" => ColumnProfileKind.DateTime,
        _ => throw new InvalidDataException($"Unknown column statistics kind '{name}' in the store."),
    };

    /// <summary><c>{"dataset": ..., "rows": ..., "columns": [{"header", "member", "type", "role", "nullable"}, ...]}</c>.</summary>
    public static string WriteSchema(DatasetProfile profile) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("dataset", profile.Dataset);
        w.WriteNumber("rows", profile.Rows);
        w.WriteStartArray("columns");
        foreach (var column in profile.Schema)
        {
            w.WriteStartObject();
            w.WriteString("header", column.Header);
            w.WriteString("member", column.Member);
            w.WriteString("type", column.Type.ToString());
            w.WriteString("role", column.Role.ToString());
            w.WriteBoolean("nullable", column.Nullable);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Reads what <see cref="WriteSchema"/> wrote.</summary>
    public static (string Dataset, int Rows, IReadOnlyList<SchemaColumn> Schema) ReadSchema(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var schema = root.GetProperty("columns").EnumerateArray()
            .Select(c => new SchemaColumn(
                c.GetProperty("header").GetString()!,
                c.GetProperty("member").GetString()!,
                Enum.Parse<ColumnType>(c.GetProperty("type").GetString()!),
                Enum.Parse<ColumnRole>(c.GetProperty("role").GetString()!),
                c.GetProperty("nullable").GetBoolean()))
            .ToArray();
        return (root.GetProperty("dataset").GetString()!, root.GetProperty("rows").GetInt32(), schema);
    }

    /// <summary>One column's statistics: counts, then only the statistics its kind has.</summary>
    public static string WriteColumn(ColumnProfile column) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("rows", column.Rows);
        w.WriteNumber("nulls", column.NullCount);
        w.WriteNumber("invalid", column.InvalidCount);
        WriteNumber(w, "mean", column.Mean);
        WriteNumber(w, "std", column.Std);
        WriteNumber(w, "min", column.Min);
        WriteNumber(w, "max", column.Max);
        if (column.Quantiles.Count > 0)
        {
            w.WriteStartArray("quantiles");
            foreach (var quantile in column.Quantiles)
            {
                w.WriteStartObject();
                w.WriteNumber("level", quantile.Level);
                w.WriteNumber("value", quantile.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (column.DistinctCount is { } distinct)
        {
            w.WriteNumber("distinct", distinct);
        }

        if (column.TopValues.Count > 0)
        {
            w.WriteStartArray("top");
            foreach (var value in column.TopValues)
            {
                w.WriteStartObject();
                w.WriteString("value", value.Value);
                w.WriteNumber("count", value.Count);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (column.MinTime is { } minTime)
        {
            w.WriteString("minTime", minTime.ToString("O", CultureInfo.InvariantCulture));
        }

        if (column.MaxTime is { } maxTime)
        {
            w.WriteString("maxTime", maxTime.ToString("O", CultureInfo.InvariantCulture));
        }

        w.WriteEndObject();
    });

    /// <summary>Reads what <see cref="WriteColumn"/> wrote for column <paramref name="column"/> of kind <paramref name="kind"/>.</summary>
    public static ColumnProfile ReadColumn(string column, ColumnProfileKind kind, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new ColumnProfile(column, kind, root.GetProperty("rows").GetInt32(), root.GetProperty("nulls").GetInt32())
        {
            InvalidCount = root.GetProperty("invalid").GetInt32(),
            Mean = ReadNumber(root, "mean"),
            Std = ReadNumber(root, "std"),
            Min = ReadNumber(root, "min"),
            Max = ReadNumber(root, "max"),
            Quantiles = root.TryGetProperty("quantiles", out var quantiles)
                ? quantiles.EnumerateArray().Select(q => new QuantileValue(q.GetProperty("level").GetDouble(), q.GetProperty("value").GetDouble())).ToArray()
                : [],
            DistinctCount = root.TryGetProperty("distinct", out var distinct) ? distinct.GetInt32() : null,
            TopValues = root.TryGetProperty("top", out var top)
                ? top.EnumerateArray().Select(v => new ValueCount(v.GetProperty("value").GetString()!, v.GetProperty("count").GetInt32())).ToArray()
                : [],
            MinTime = ReadTime(root, "minTime"),
            MaxTime = ReadTime(root, "maxTime"),
        };
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            w.WriteNumber(name, number);
        }
    }

    private static double? ReadNumber(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static DateTime? ReadTime(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
            ? DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : null;
}
