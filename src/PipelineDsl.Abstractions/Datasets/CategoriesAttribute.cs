using System;

namespace PipelineDsl;

/// <summary>Validation rule: a string member must be one of the listed values (ordinal comparison).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class CategoriesAttribute : Attribute
{
    /// <summary>Creates the rule.</summary>
    public CategoriesAttribute(params string[] values) => Values = values;

    /// <summary>The allowed values.</summary>
    public string[] Values { get; }
}
