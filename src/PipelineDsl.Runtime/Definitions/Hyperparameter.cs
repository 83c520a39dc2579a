namespace PipelineDsl.Runtime;

/// <summary>One <see cref="HyperparameterAttribute"/> value of a model.</summary>
/// <param name="Name">The member name.</param>
/// <param name="Value">The value, formatted with the invariant culture ("R" for floating point).</param>
public sealed record Hyperparameter(string Name, string Value);
