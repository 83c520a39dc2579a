using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PipelineDsl.Runtime.Data;

/// <summary>
/// Reads one field of a JSON prediction request, called by the generated <c>TryReadJson</c> of each dataset. Numbers
/// and dates go through <see cref="CellParser"/> on the token's own text, the parser training read the CSV with, so a
/// value sent as JSON becomes the same bits as the same value read from the training file. Types are strict: a string
/// where a number belongs is an error naming the field, never a coercion.
/// </summary>
public static class JsonCells
{
    /// <summary>The longest property name matched against the contract; longer names are unknown fields.</summary>
    public const int MaxPropertyNameLength = 128;

    /// <summary>The JSON name of a member in requests and errors: the member name with its first letter lower-cased.</summary>
    public static string JsonName(string member) =>
        member.Length == 0 || !char.IsUpper(member[0]) ? member : char.ToLowerInvariant(member[0]) + member[1..];

    /// <summary>
    /// Copies the current property name into <paramref name="buffer"/> normalized the way the CSV reader matches headers
    /// (<see cref="HeaderNames"/>), so <c>total_day_minutes</c>, <c>totalDayMinutes</c> and <c>TotalDayMinutes</c> name one
    /// field; returns its length, or -1 when the name is longer than the buffer (it then matches nothing).
    /// </summary>
    public static int LowerPropertyName(ref Utf8JsonReader reader, Span<char> buffer)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxPropertyNameLength || length > buffer.Length)
        {
            return -1;
        }

        Span<char> raw = stackalloc char[MaxPropertyNameLength];
        int written;
        try
        {
            written = reader.CopyString(raw);
        }
        catch (InvalidOperationException e)
        {
            throw NotText(e);
        }

        return HeaderNames.Normalize(raw[..written], buffer);
    }

    /// <summary>A member or header name normalized as <see cref="LowerPropertyName"/> normalizes a request's field names.</summary>
    public static string NormalizeName(string name) => HeaderNames.Normalize(name);

    /// <summary>The current property name as sent, for an unknown-field error.</summary>
    public static string PropertyName(ref Utf8JsonReader reader)
    {
        var name = Text(ref reader);
        return name.Length <= 64 ? name : name[..61] + "...";
    }

    /// <summary>Reads a string field; JSON null is allowed only when <paramref name="nullable"/>.</summary>
    public static bool String(ref Utf8JsonReader reader, string field, bool nullable, ICollection<FieldError> errors, out string? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = Text(ref reader);
                return true;
            case JsonTokenType.Null when nullable:
                return true;
            default:
                return Fail(ref reader, field, "a string", errors);
        }
    }

    /// <summary>Reads a boolean field: JSON <c>true</c> or <c>false</c>.</summary>
    public static bool Boolean(ref Utf8JsonReader reader, string field, bool nullable, ICollection<FieldError> errors, out bool? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return true;
            case JsonTokenType.False:
                value = false;
                return true;
            case JsonTokenType.Null when nullable:
                return true;
            default:
                return Fail(ref reader, field, "true or false", errors);
        }
    }

    /// <summary>Reads an <see cref="int"/> field.</summary>
    public static bool Int32(ref Utf8JsonReader reader, string field, bool nullable, ICollection<FieldError> errors, out int? value) =>
        Number(ref reader, field, nullable, errors, "an integer", CellParser.TryParseInt32, out value);

    /// <summary>Reads a <see cref="long"/> field.</summary>
    public static bool Int64(ref Utf8JsonReader reader, string field, bool nullable, ICollection<FieldError> errors, out long? value) =>
        Number(ref reader, field, nullable, errors, "an integer", CellParser.TryParseInt64, out value);

    /// <summary>Reads a finite <see cref="float"/> field.</summary>
    public static bool Single(ref Utf8JsonReader reader, string field, bool nullable, ICollection<FieldError> errors, out float? value)
    {
        var ok = Number(ref reader, field, nullable, errors, "a number", CellParser.TryParseSingle, out value);
        return ok && Finite(value is not { } v || float.IsFinite(v), field, "float", errors);
    }

    /// <summary>Reads a finite <see cref="double"/> field.</summary>
    public static bool Double(ref Utf8JsonReader reader, string field, bool nullable, ICollection<FieldError> errors, out double? value)
    {
        var ok = Number(ref reader, field, nullable, errors, "a number", CellParser.TryParseDouble, out value);
        return ok && Finite(value is not { } v || double.IsFinite(v), field, "double", errors);
    }

    /// <summary>Reads a <see cref="decimal"/> field.</summary>
    public static bool Decimal(ref Utf8JsonReader reader, string field, bool nullable, ICollection<FieldError> errors, out decimal? value) =>
        Number(ref reader, field, nullable, errors, "a number", CellParser.TryParseDecimal, out value);

    /// <summary>Reads a date-time field: an ISO 8601 string, as the CSV reader accepts it (no offset means UTC).</summary>
    public static bool DateTime(ref Utf8JsonReader reader, string field, bool nullable, ICollection<FieldError> errors, out DateTime? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var text = Text(ref reader);
                if (CellParser.TryParseDateTime(text, out var parsed))
                {
                    value = parsed;
                    return true;
                }

                errors.Add(new FieldError(field, "type", CellParser.Excerpt(text) + " is not an ISO 8601 date-time"));
                return false;
            case JsonTokenType.Null when nullable:
                return true;
            default:
                return Fail(ref reader, field, "an ISO 8601 date-time string", errors);
        }
    }

    /// <summary>Records a field that the contract does not accept and skips its value.</summary>
    public static void Refuse(ref Utf8JsonReader reader, string field, string rule, string message, ICollection<FieldError> errors)
    {
        errors.Add(new FieldError(field, rule, message));
        reader.Skip();
    }

    /// <summary>Records a required field the body left out.</summary>
    public static void Missing(string field, ICollection<FieldError> errors) =>
        errors.Add(new FieldError(field, "missing", "a value is required"));

    /// <summary>Records a body that is not a JSON object and skips it.</summary>
    public static bool NotAnObject(ref Utf8JsonReader reader, ICollection<FieldError> errors) =>
        Fail(ref reader, "$", "a JSON object", errors);

    private delegate bool CellParse<T>(ReadOnlySpan<char> cell, out T value);

    private static bool Number<T>(ref Utf8JsonReader reader, string field, bool nullable, ICollection<FieldError> errors, string expected, CellParse<T> parse, out T? value)
        where T : struct
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null && nullable)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            return Fail(ref reader, field, expected, errors);
        }

        // A JSON number is ASCII and never escaped: its bytes are its characters.
        var bytes = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        if (bytes.Length > 64)
        {
            errors.Add(new FieldError(field, "type", "a number of " + bytes.Length + " digits is not " + expected));
            return false;
        }

        Span<char> text = stackalloc char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            text[i] = (char)bytes[i];
        }

        if (parse(text, out var parsed))
        {
            value = parsed;
            return true;
        }

        errors.Add(new FieldError(field, "type", CellParser.Excerpt(text) + " is not " + expected));
        return false;
    }

    private static bool Finite(bool finite, string field, string type, ICollection<FieldError> errors)
    {
        if (!finite)
        {
            errors.Add(new FieldError(field, "type", "the value is outside the range of a " + type));
        }

        return finite;
    }

    private static bool Fail(ref Utf8JsonReader reader, string field, string expected, ICollection<FieldError> errors)
    {
        errors.Add(new FieldError(field, "type", "expected " + expected + ", got " + Describe(ref reader)));
        reader.Skip();
        return false;
    }

    /// <summary>
    /// The current string or property name. Text that is not valid UTF-8, or a lone surrogate escape (<c>"\ud800"</c>),
    /// makes the reader throw <see cref="InvalidOperationException"/>; it is malformed JSON, reported as the reader
    /// reports the rest of it, with a <see cref="JsonException"/>.
    /// </summary>
    private static string Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? "";
        }
        catch (InvalidOperationException e)
        {
            throw NotText(e);
        }
    }

    private static JsonException NotText(InvalidOperationException e) =>
        new("The JSON text holds a string that is not valid UTF-8 or has a lone surrogate escape.", e);

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "the string " + CellParser.Excerpt(Text(ref reader)),
        JsonTokenType.Number => "the number " + Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray()),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => reader.TokenType.ToString(),
    };
}
