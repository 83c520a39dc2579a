using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace PipelineDsl.Generators.Model;

/// <summary>
/// An equatable stand-in for a <see cref="Location"/>, for the one diagnostic (PDSL207) that can only be
/// found after declarations are joined. A location re-created from it cannot be suppressed with
/// <c>#pragma</c>, which is acceptable for an error.
/// </summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartCharacter, int EndLine, int EndCharacter)
{
    /// <summary>No location: the diagnostic goes on the declaration instead.</summary>
    public static LocationInfo None { get; } = new("", 0, 0, 0, 0, 0, 0);

    /// <summary>Captures <paramref name="location"/>; null when it is not in source.</summary>
    public static LocationInfo? From(Location? location)
    {
        if (location is null || !location.IsInSource)
        {
            return null;
        }

        var span = location.GetLineSpan();
        return new LocationInfo(
            location.SourceTree?.FilePath ?? "",
            location.SourceSpan.Start,
            location.SourceSpan.Length,
            span.StartLinePosition.Line,
            span.StartLinePosition.Character,
            span.EndLinePosition.Line,
            span.EndLinePosition.Character);
    }

    /// <summary>Re-creates a location.</summary>
    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(StartLine, StartCharacter), new LinePosition(EndLine, EndCharacter)));
}

/// <summary>An equatable diagnostic found after declarations are joined.</summary>
/// <remarks>
/// Pipeline model: immutable and structurally equal (a <c>sealed record</c> of strings, bools, enums, numbers
/// and <see cref="EquatableArray{T}"/>), so the incremental pipeline can cache it. It must never hold an
/// <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>: those are not equatable and keep
/// old compilations alive.
/// </remarks>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, PipelineDsl.Generators.Helpers.EquatableArray<string> Arguments);
