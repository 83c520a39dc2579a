namespace PipelineDsl.Runtime.Data;

/// <summary>One difference between the schemas of two dataset versions.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Column">The column's CSV header.</param>
/// <param name="Before">The earlier declaration (type, role or nullability; the type for a removed column), or <see langword="null"/> for an added column.</param>
/// <param name="After">The later declaration (type, role or nullability; the type for an added column), or <see langword="null"/> for a removed column.</param>
public sealed record SchemaChange(SchemaChangeKind Kind, string Column, string? Before, string? After);
