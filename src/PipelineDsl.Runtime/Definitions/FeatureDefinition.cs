namespace PipelineDsl.Runtime;

/// <summary>One <see cref="FeatureAttribute"/> method.</summary>
/// <param name="Name">Column name in the feature vector.</param>
/// <param name="Method">The C# method name.</param>
/// <param name="CodeHash">SHA-256 of the method's normalized syntax (tokens only: whitespace and comments do not count).</param>
public sealed record FeatureDefinition(string Name, string Method, string CodeHash);
