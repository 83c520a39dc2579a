using System;

namespace PipelineDsl;

/// <summary>Marks the entity key of a dataset row (a customer, a house, a station).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class KeyAttribute : Attribute
{
}
