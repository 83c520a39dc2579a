namespace PipelineDsl.Runtime;

/// <summary>One member of a dataset row type, with its CSV header, type, role and validation rules.</summary>
/// <param name="Member">The C# member name.</param>
/// <param name="Header">The CSV header it reads from.</param>
/// <param name="Type">Its storage type.</param>
/// <param name="Nullable">Whether an empty or <c>NA</c> cell is allowed (becomes <see langword="null"/>).</param>
/// <param name="Role">Key, label, timestamp or not-available-at-prediction.</param>
/// <param name="Required">Whether an empty value fails validation.</param>
/// <param name="Minimum">Inclusive lower bound of a range rule, if any.</param>
/// <param name="Maximum">Inclusive upper bound of a range rule, if any.</param>
/// <param name="Categories">Allowed values of a categories rule, if any.</param>
public sealed record ColumnDefinition(
    string Member,
    string Header,
    ColumnType Type,
    bool Nullable,
    ColumnRole Role,
    bool Required,
    double? Minimum,
    double? Maximum,
    IReadOnlyList<string>? Categories)
{
    /// <summary>The field name in JSON prediction requests and their errors (see <see cref="Data.JsonCells.JsonName"/>).</summary>
    public string JsonName { get; } = Data.JsonCells.JsonName(Member);
}
