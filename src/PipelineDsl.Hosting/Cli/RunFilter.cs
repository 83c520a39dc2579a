using PipelineDsl.Runtime.Store;

namespace PipelineDsl.Hosting;

/// <summary>
/// Parses the <c>--where</c> expressions of <c>runs</c>: <c>[metrics.|params.]NAME OP VALUE</c> with OP one of
/// <c>=</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, for example <c>auc&gt;=0.9</c>,
/// <c>metrics.recall&lt;0.7</c> or <c>params.trainer=LightGbm</c>. A bare NAME is a metric, whose VALUE must be a
/// number; a parameter's VALUE may be quoted (<c>params.note='a b'</c>). Anything else is a
/// <see cref="CliUsageException"/> that quotes the expression and says what is wrong with it.
/// </summary>
internal static class RunFilter
{
    private const string MetricsPrefix = "metrics.";
    private const string ParamsPrefix = "params.";

    /// <summary>The operators, longest first so that <c>&lt;=</c> is not read as <c>&lt;</c>.</summary>
    private static readonly (string Symbol, RunConditionOperator Operator)[] Operators =
    [
        ("<=", RunConditionOperator.LessThanOrEqual),
        (">=", RunConditionOperator.GreaterThanOrEqual),
        ("!=", RunConditionOperator.NotEqual),
        ("<", RunConditionOperator.LessThan),
        (">", RunConditionOperator.GreaterThan),
        ("=", RunConditionOperator.Equal),
    ];

    /// <summary>What a <c>--where</c> expression looks like, for error messages.</summary>
    public const string Syntax = "expected [metrics.|params.]NAME OP VALUE with OP one of = != < <= > >=, for example auc>=0.9 or params.trainer=LightGbm";

    /// <summary>Parses every expression; the first bad one throws.</summary>
    public static IReadOnlyList<RunCondition> ParseAll(IEnumerable<string> expressions) => expressions.Select(Parse).ToArray();

    /// <summary>Parses one <c>--where</c> expression.</summary>
    /// <exception cref="CliUsageException">The expression is malformed.</exception>
    public static RunCondition Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var (at, symbol, op) = FindOperator(expression);
        if (at < 0)
        {
            throw Bad(expression, "it has no comparison operator");
        }

        var name = expression[..at].Trim();
        var value = expression[(at + symbol.Length)..].Trim();
        if (symbol == "=" && value.StartsWith('='))
        {
            throw Bad(expression, "'==' is not an operator: write '=' for equality");
        }

        if (value.Length > 0 && "<>!=".Contains(value[0], StringComparison.Ordinal))
        {
            throw Bad(expression, $"'{symbol}{value[0]}' is not an operator");
        }

        if (name.Length == 0)
        {
            throw Bad(expression, "it names no metric or parameter before the operator");
        }

        foreach (var (wrong, right) in (ReadOnlySpan<(string, string)>)[("param.", ParamsPrefix), ("metric.", MetricsPrefix)])
        {
            if (name.StartsWith(wrong, StringComparison.Ordinal))
            {
                throw Bad(expression, $"the prefix is '{right}', not '{wrong}'");
            }
        }

        var source = RunConditionSource.Metric;
        var key = name;
        if (name.StartsWith(ParamsPrefix, StringComparison.Ordinal))
        {
            source = RunConditionSource.Param;
            key = name[ParamsPrefix.Length..];
        }
        else if (name.StartsWith(MetricsPrefix, StringComparison.Ordinal))
        {
            key = name[MetricsPrefix.Length..];
        }

        var kind = source == RunConditionSource.Metric ? "metric" : "parameter";
        if (key.Length == 0)
        {
            throw Bad(expression, $"'{name}' names no {kind}");
        }

        if (!IsName(key))
        {
            throw Bad(expression, $"'{key}' is not a {kind} name (letters, digits, '_', '-' and '.' only)");
        }

        if (value.Length == 0)
        {
            throw Bad(expression, "it has no value after the operator");
        }

        if (source == RunConditionSource.Metric)
        {
            if (RunCondition.ParseNumber(value) is null)
            {
                var hint = name == key ? $"; to filter on a parameter write params.{key}" : "";
                throw Bad(expression, $"metric '{key}' is compared with '{value}', which is not a number{hint}");
            }

            return new RunCondition(source, key, op, value);
        }

        return new RunCondition(source, key, op, Unquote(expression, value));
    }

    private static (int At, string Symbol, RunConditionOperator Operator) FindOperator(string expression)
    {
        for (var i = 0; i < expression.Length; i++)
        {
            foreach (var (symbol, op) in Operators)
            {
                if (string.CompareOrdinal(expression, i, symbol, 0, symbol.Length) == 0)
                {
                    return (i, symbol, op);
                }
            }
        }

        return (-1, "", default);
    }

    private static bool IsName(string key) =>
        key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') && key[0] != '.' && key[^1] != '.' && !key.Contains("..", StringComparison.Ordinal);

    private static string Unquote(string expression, string value)
    {
        if (value[0] is not ('\'' or '"'))
        {
            return value;
        }

        if (value.Length < 2 || value[^1] != value[0])
        {
            throw Bad(expression, $"the value {value} has no closing {value[0]}");
        }

        return value[1..^1];
    }

    private static CliUsageException Bad(string expression, string why) =>
        new($"--where \"{expression}\": {why}; {Syntax}.");
}
