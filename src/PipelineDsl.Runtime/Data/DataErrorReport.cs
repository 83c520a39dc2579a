using System.Text;

namespace PipelineDsl.Runtime.Data;

/// <summary>The outcome of reading or validating a dataset: the first errors in detail and counts of all of them.</summary>
/// <param name="Errors">The first errors, in file order.</param>
/// <param name="TotalCount">How many errors there were in all.</param>
/// <param name="CountsByColumnAndRule">All errors counted per <c>column/rule</c>.</param>
public sealed record DataErrorReport(
    IReadOnlyList<DataError> Errors,
    int TotalCount,
    IReadOnlyDictionary<string, int> CountsByColumnAndRule)
{
    /// <summary>An empty report.</summary>
    public static DataErrorReport Empty { get; } = new([], 0, new Dictionary<string, int>());

    /// <summary>Whether nothing failed.</summary>
    public bool IsEmpty => TotalCount == 0;

    /// <summary>A multi-line report: the detailed errors, then counts per column and rule.</summary>
    public string Format()
    {
        if (IsEmpty)
        {
            return "no errors";
        }

        var sb = new StringBuilder();
        sb.Append(TotalCount).Append(TotalCount == 1 ? " error" : " errors");
        if (Errors.Count < TotalCount)
        {
            sb.Append(" (first ").Append(Errors.Count).Append(" shown)");
        }

        sb.Append(":\n");
        foreach (var error in Errors)
        {
            sb.Append("  ").Append(error).Append('\n');
        }

        sb.Append("counts by column and rule:\n");
        foreach (var (key, count) in CountsByColumnAndRule.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append("  ").Append(key).Append(": ").Append(count).Append('\n');
        }

        return sb.ToString();
    }
}
