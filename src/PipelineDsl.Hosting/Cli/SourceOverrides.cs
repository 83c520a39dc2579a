using PipelineDsl.Runtime;

namespace PipelineDsl.Hosting;

/// <summary>Parses <c>--source NAME=PATH</c> values.</summary>
internal static class SourceOverrides
{
    /// <exception cref="CliUsageException">A value is not NAME=PATH.</exception>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string>? values)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            var equals = value.IndexOf('=');
            if (equals <= 0 || equals == value.Length - 1)
            {
                throw new CliUsageException($"--source expects NAME=PATH (for example churn=data/other.csv), got '{value}'.");
            }

            result[value[..equals]] = Path.GetFullPath(value[(equals + 1)..]);
        }

        return result;
    }

    /// <summary>Parses the values and checks that each names a dataset of <paramref name="definition"/>.</summary>
    /// <exception cref="CliUsageException">A value is not NAME=PATH, or names no dataset the pipeline reads.</exception>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string>? values, IPipelineDefinition definition)
    {
        var result = Parse(values);
        var unknown = result.Keys.FirstOrDefault(k => !definition.DatasetNames.Contains(k, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            throw new CliUsageException($"--source names dataset '{unknown}', but pipeline '{definition.Name}' reads {string.Join(", ", definition.DatasetNames.Select(n => $"'{n}'"))}.");
        }

        return result;
    }
}
