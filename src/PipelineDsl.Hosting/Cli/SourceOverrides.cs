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
}
