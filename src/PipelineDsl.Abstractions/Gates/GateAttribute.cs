using System;

namespace PipelineDsl;

/// <summary>
/// Declares the promotion rules of a model. A model is registered only when every rule on this class passes.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class GateAttribute : Attribute
{
    /// <summary>Creates the declaration.</summary>
    /// <param name="model">A class marked with <see cref="ModelAttribute"/>.</param>
    public GateAttribute(Type model) => Model = model;

    /// <summary>The gated model.</summary>
    public Type Model { get; }
}
