using System;

namespace PipelineDsl;

/// <summary>
/// Marks the training target. Features must never read it (leakage); serving requests never carry it.
/// A <see cref="bool"/> label makes a binary-classification dataset, a numeric label a regression one.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class LabelAttribute : Attribute
{
}
