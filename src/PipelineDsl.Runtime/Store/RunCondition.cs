using System.Globalization;

namespace PipelineDsl.Runtime.Store;

/// <summary>What a <see cref="RunCondition"/> tests: a headline (step 0) metric or a parameter of the run.</summary>
public enum RunConditionSource
{
    /// <summary>A step-0 metric (<c>auc</c>, <c>rmse</c>, ...), compared as a number.</summary>
    Metric,

    /// <summary>A logged parameter, compared as a number when both sides are numbers and as text otherwise.</summary>
    Param,
}

/// <summary>How a <see cref="RunCondition"/> compares the run's value with its operand.</summary>
public enum RunConditionOperator
{
    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>&lt;</c></summary>
    LessThan,

    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,

    /// <summary><c>&gt;</c></summary>
    GreaterThan,

    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,
}

/// <summary>
/// One filter of a <see cref="RunQuery"/>, such as <c>auc &gt;= 0.9</c> or <c>params.trainer = LightGbm</c>.
/// A run that lacks the metric or parameter, or whose metric is undefined (NaN), matches no condition on it, not even
/// <c>!=</c>.
/// </summary>
/// <param name="Source">Whether <paramref name="Key"/> names a metric or a parameter.</param>
/// <param name="Key">The metric's stored name or the parameter's key.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">
/// The operand as written. For a metric it must be a finite number (invariant culture); for a parameter it is compared
/// numerically when it and the stored value both parse as numbers, otherwise as text (ordinal).
/// </param>
public sealed record RunCondition(RunConditionSource Source, string Key, RunConditionOperator Operator, string Value)
{
    /// <summary>The operator's symbol: <c>=</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c> or <c>&gt;=</c>.</summary>
    public static string Symbol(RunConditionOperator op) => op switch
    {
        RunConditionOperator.Equal => "=",
        RunConditionOperator.NotEqual => "!=",
        RunConditionOperator.LessThan => "<",
        RunConditionOperator.LessThanOrEqual => "<=",
        RunConditionOperator.GreaterThan => ">",
        RunConditionOperator.GreaterThanOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown operator"),
    };

    /// <summary>
    /// <paramref name="text"/> as a finite number in the invariant culture, or <see langword="null"/> when it is not one.
    /// </summary>
    public static double? ParseNumber(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>The condition as it would be written on the command line, for example <c>metrics.auc&gt;=0.9</c>.</summary>
    public override string ToString() =>
        (Source == RunConditionSource.Metric ? "metrics." : "params.") + Key + Symbol(Operator) + Value;
}
