using System;

namespace PipelineDsl;

/// <summary>
/// Marks a member whose value is only known after the prediction is made (a later charge, an outcome).
/// Features must not read it and serving requests do not carry it.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class NotAvailableAtPredictionAttribute : Attribute
{
}
