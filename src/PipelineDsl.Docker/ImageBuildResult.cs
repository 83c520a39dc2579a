namespace PipelineDsl.Docker;

/// <summary>The image a build produced or found.</summary>
/// <param name="Tag">The image's <c>REPOSITORY:HASH</c> tag.</param>
/// <param name="Built">Whether it was built now (false: it existed and was reused).</param>
public sealed record ImageBuildResult(string Tag, bool Built);
