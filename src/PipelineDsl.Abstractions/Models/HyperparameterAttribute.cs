using System;

namespace PipelineDsl;

/// <summary>
/// Marks a trainer setting on a <see cref="ModelAttribute"/> class. Recognised names (case-insensitive):
/// <c>Leaves</c>, <c>LearningRate</c>, <c>Iterations</c>, <c>MinimumExampleCountPerLeaf</c>, <c>Seed</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class HyperparameterAttribute : Attribute
{
}
