using System.Buffers;
using System.Text.Json;
using PipelineDsl.Runtime;
using PipelineDsl.Runtime.Data;

namespace PipelineDsl.Serving.Http;

/// <summary>
/// Turns a request body into rows with the dataset's generated JSON reader, then applies the dataset's declared rules
/// (range, categories, required) with its generated validator, the same rules training applied to the CSV. Every broken
/// rule becomes a <see cref="FieldError"/> naming the field; nothing here throws on bad input.
/// </summary>
internal sealed class RequestParser<TRow>(DatasetDefinition<TRow> dataset, int maxBatchRows)
{
    private const int MaxReportedErrors = 50;
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 32 };
    private readonly Dictionary<string, string> _jsonNames = dataset.Columns.ToDictionary(c => c.Member, c => c.JsonName, StringComparer.Ordinal);

    /// <summary>Reads one JSON object. <paramref name="input"/> is the object's bytes, for the prediction log.</summary>
    public bool TryParseOne(ReadOnlySequence<byte> body, List<FieldError> errors, out TRow row, out ReadOnlyMemory<byte> input)
    {
        row = default!;
        input = default;
        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                errors.Add(new FieldError("$", "json", "the body is empty: send one JSON object"));
                return false;
            }

            if (!ReadRow(ref reader, body, "", errors, out row, out input))
            {
                return false;
            }

            if (reader.Read())
            {
                errors.Add(new FieldError("$", "json", "unexpected content after the JSON object"));
                return false;
            }
        }
        catch (JsonException e)
        {
            errors.Add(Malformed(e));
            return false;
        }

        return Validate([row], batch: false, errors);
    }

    /// <summary>Reads a JSON array of objects (at most the configured number of rows).</summary>
    public bool TryParseBatch(ReadOnlySequence<byte> body, List<FieldError> errors, out List<TRow> rows, out List<ReadOnlyMemory<byte>> inputs)
    {
        rows = [];
        inputs = [];
        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                errors.Add(new FieldError("$", "type", "expected a JSON array of row objects"));
                return false;
            }

            var ok = true;
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (index >= maxBatchRows)
                {
                    errors.Add(new FieldError("$", "size", $"a batch may carry at most {maxBatchRows} rows"));
                    return false;
                }

                if (ReadRow(ref reader, body, $"[{index}]", errors, out var row, out var input))
                {
                    rows.Add(row);
                    inputs.Add(input);
                }
                else
                {
                    ok = false;
                }

                index++;
                if (errors.Count >= MaxReportedErrors)
                {
                    return false;
                }
            }

            if (reader.Read())
            {
                errors.Add(new FieldError("$", "json", "unexpected content after the JSON array"));
                return false;
            }

            if (!ok)
            {
                return false;
            }
        }
        catch (JsonException e)
        {
            errors.Add(Malformed(e));
            return false;
        }

        if (rows.Count == 0)
        {
            errors.Add(new FieldError("$", "size", "the batch has no rows"));
            return false;
        }

        return Validate(rows.ToArray(), batch: true, errors);
    }

    private bool ReadRow(ref Utf8JsonReader reader, ReadOnlySequence<byte> body, string prefix, List<FieldError> errors, out TRow row, out ReadOnlyMemory<byte> input)
    {
        var start = reader.TokenStartIndex;
        var rowErrors = prefix.Length == 0 ? errors : [];
        var ok = dataset.TryReadJson(ref reader, rowErrors, out row);
        if (!ReferenceEquals(rowErrors, errors))
        {
            errors.AddRange(rowErrors.Select(e => e with { Field = e.Field == "$" ? prefix : prefix + "." + e.Field }));
        }

        input = ok ? body.Slice(start, reader.BytesConsumed - start).ToArray() : default;
        return ok;
    }

    private bool Validate(TRow[] rows, bool batch, List<FieldError> errors)
    {
        var lines = new int[rows.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = i;
        }

        var collector = new DataErrorCollector("request", MaxReportedErrors);
        dataset.Validate(rows, lines, collector);
        if (collector.Count == 0)
        {
            return true;
        }

        foreach (var error in collector.ToReport().Errors)
        {
            var field = _jsonNames.GetValueOrDefault(error.Column, error.Column);
            errors.Add(new FieldError(batch ? $"[{error.Line}].{field}" : field, error.Rule, error.Message));
        }

        return false;
    }

    private static FieldError Malformed(JsonException e) =>
        new("$", "json", $"malformed JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}");
}
