using PipelineDsl.Generators.Model;

namespace PipelineDsl.Generators.Helpers;

/// <summary>C# spellings of <see cref="ValueKind"/>.</summary>
internal static class ValueKindExtensions
{
    /// <summary>The C# keyword of <paramref name="kind"/>; <paramref name="dateTime"/> spells <see cref="ValueKind.DateTime"/>.</summary>
    public static string ToKeyword(this ValueKind kind, string dateTime = "global::System.DateTime") => kind switch
    {
        ValueKind.String => "string",
        ValueKind.Boolean => "bool",
        ValueKind.Int32 => "int",
        ValueKind.Int64 => "long",
        ValueKind.Single => "float",
        ValueKind.Double => "double",
        ValueKind.Decimal => "decimal",
        _ => dateTime,
    };
}
