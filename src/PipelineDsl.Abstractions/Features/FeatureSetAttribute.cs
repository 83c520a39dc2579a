using System;

namespace PipelineDsl;

/// <summary>
/// Declares a <c>static partial class</c> of <see cref="FeatureAttribute"/> methods over one dataset's row type.
/// The generator emits ONE feature path from it: a row function and a columnar batch function that training
/// and prediction both call.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class FeatureSetAttribute : Attribute
{
    /// <summary>Creates the declaration.</summary>
    /// <param name="dataset">The row type, a class or record marked with <see cref="DatasetAttribute"/>.</param>
    public FeatureSetAttribute(Type dataset) => Dataset = dataset;

    /// <summary>The row type.</summary>
    public Type Dataset { get; }
}
