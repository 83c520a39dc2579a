namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// Reads the breakdown metrics the evaluate node stores back into tables: <c>slice.{member}={value}.{metric}</c> into
/// <see cref="SliceRow"/>s, <c>fairness.{member}={value}.{rate}</c> and <c>fairness.{member}.{criterion}_difference</c>
/// into <see cref="FairnessSummary"/>s. A member is an identifier and a metric name has no dot, so a value may hold
/// any character, dots and equals signs included.
/// </summary>
internal static class BreakdownMetrics
{
    private const string SlicePrefix = "slice.";
    private const string FairnessPrefix = "fairness.";

    /// <summary>Whether <paramref name="key"/> is a slice or fairness metric (shown in their own tables, not among the headline metrics).</summary>
    public static bool IsBreakdown(string key) =>
        key.StartsWith(SlicePrefix, StringComparison.Ordinal) || key.StartsWith(FairnessPrefix, StringComparison.Ordinal);

    /// <summary>The slices, by member then value (ordinal).</summary>
    public static IReadOnlyList<SliceRow> Slices(IEnumerable<KeyValuePair<string, double>> metrics)
    {
        var slices = new Dictionary<(string Member, string Value), Dictionary<string, double>>();
        foreach (var (key, value) in metrics)
        {
            if (!key.StartsWith(SlicePrefix, StringComparison.Ordinal) || !TrySplitGroup(key[SlicePrefix.Length..], out var member, out var group, out var metric))
            {
                continue;
            }

            if (!slices.TryGetValue((member, group), out var row))
            {
                slices[(member, group)] = row = new Dictionary<string, double>(StringComparer.Ordinal);
            }

            row[metric] = value;
        }

        return slices
            .OrderBy(s => s.Key.Member, StringComparer.Ordinal)
            .ThenBy(s => s.Key.Value, StringComparer.Ordinal)
            .Select(s => new SliceRow(s.Key.Member, s.Key.Value, s.Value))
            .ToArray();
    }

    /// <summary>The fairness summaries, by member (ordinal), groups by value (ordinal).</summary>
    public static IReadOnlyList<FairnessSummary> Fairness(IEnumerable<KeyValuePair<string, double>> metrics)
    {
        var groups = new SortedDictionary<string, SortedDictionary<string, Dictionary<string, double>>>(StringComparer.Ordinal);
        var differences = new SortedDictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var (key, value) in metrics)
        {
            if (!key.StartsWith(FairnessPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = key[FairnessPrefix.Length..];
            if (TrySplitGroup(rest, out var member, out var group, out var rate))
            {
                if (!groups.TryGetValue(member, out var byValue))
                {
                    groups[member] = byValue = new SortedDictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
                }

                if (!byValue.TryGetValue(group, out var rates))
                {
                    byValue[group] = rates = new Dictionary<string, double>(StringComparer.Ordinal);
                }

                rates[rate] = value;
            }
            else if (rest.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 && !rest.Contains('=', StringComparison.Ordinal))
            {
                var name = rest[..dot];
                if (!differences.TryGetValue(name, out var byName))
                {
                    differences[name] = byName = new Dictionary<string, double>(StringComparer.Ordinal);
                }

                byName[rest[(dot + 1)..]] = value;
            }
        }

        return groups.Keys.Union(differences.Keys).Order(StringComparer.Ordinal)
            .Select(member => new FairnessSummary(
                member,
                groups.TryGetValue(member, out var byValue)
                    ? byValue.Select(g => (g.Key, (IReadOnlyDictionary<string, double>)g.Value)).ToArray()
                    : [],
                differences.TryGetValue(member, out var d) ? d : new Dictionary<string, double>()))
            .ToArray();
    }

    /// <summary>Splits <c>{member}={value}.{metric}</c>: the member up to the first <c>=</c>, the metric after the last dot.</summary>
    private static bool TrySplitGroup(string text, out string member, out string value, out string metric)
    {
        member = value = metric = string.Empty;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var dot = text.LastIndexOf('.');
        if (equals <= 0 || dot <= equals)
        {
            return false;
        }

        member = text[..equals];
        value = text[(equals + 1)..dot];
        metric = text[(dot + 1)..];
        return metric.Length > 0;
    }
}
