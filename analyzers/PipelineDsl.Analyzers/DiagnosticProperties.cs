namespace PipelineDsl.Analyzers;

/// <summary>
/// Keys of the <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> the analyzers attach for the code fixes in
/// <c>PipelineDsl.CodeFixes</c>. A fix is offered only when the keys it needs are present.
/// </summary>
public static class DiagnosticProperties
{
    /// <summary>
    /// The name of the dataset's timestamp member (<c>[Dataset(Timestamp = ...)]</c>). PDSL003: present when the dataset
    /// is time-stamped. PDSL101: present when a clock read sits directly in the feature body and the member has the
    /// clock's type.
    /// </summary>
    public const string TimestampMember = "TimestampMember";

    /// <summary>PDSL101: the name of the feature method's row parameter (the parameter of the dataset's type).</summary>
    public const string RowParameter = "RowParameter";
}
