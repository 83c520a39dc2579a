namespace PipelineDsl.Runtime.Data;

/// <summary>Which statistics a column's profile holds, by the column's declared type.</summary>
public enum ColumnProfileKind
{
    /// <summary>Numbers and booleans (1/0): mean, standard deviation, minimum, maximum and quantiles.</summary>
    Numeric,
    /// <summary>Strings: distinct count and the most frequent values.</summary>
    Categorical,
    /// <summary>Dates and times: earliest and latest value.</summary>
    DateTime,
}
