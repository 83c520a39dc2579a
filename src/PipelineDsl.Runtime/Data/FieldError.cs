namespace PipelineDsl.Runtime.Data;

/// <summary>One reason a prediction request was refused: the field (its JSON name), the rule it broke, and why.</summary>
/// <param name="Field">The JSON field, <c>$</c> for the body itself.</param>
/// <param name="Rule"><c>json</c>, <c>type</c>, <c>missing</c>, <c>unknown</c>, <c>not-accepted</c>, <c>range</c>, <c>categories</c> or <c>required</c>.</param>
/// <param name="Message">What was wrong, with the offending value where it is short.</param>
public sealed record FieldError(string Field, string Rule, string Message);
