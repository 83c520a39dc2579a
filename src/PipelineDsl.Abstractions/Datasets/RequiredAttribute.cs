using System;

namespace PipelineDsl;

/// <summary>
/// Validation rule: the cell must not be empty (or <c>NA</c>/<c>null</c>). Non-nullable value-type members are
/// required implicitly; use this on strings and on nullable members that must be present.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class RequiredAttribute : Attribute
{
}
