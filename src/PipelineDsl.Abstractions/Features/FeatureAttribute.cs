using System;

namespace PipelineDsl;

/// <summary>
/// Marks a feature: a <c>public static</c> method that takes one dataset row and returns a number
/// (<see cref="float"/>, <see cref="double"/>, <see cref="int"/>, <see cref="long"/> or <see cref="bool"/>).
/// Features are pure: same row, same value, in training and in serving.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class FeatureAttribute : Attribute
{
    /// <summary>Optional column name in the feature vector; defaults to the method name.</summary>
    public string? Name { get; set; }
}
