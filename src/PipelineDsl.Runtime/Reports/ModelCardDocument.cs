namespace PipelineDsl.Runtime.Reports;

/// <summary>
/// The model card of one registered version, rendered twice with the same content: Markdown (for a repository or a
/// pull request) and a self-contained HTML page (inline CSS and SVG plots, no script, no external resource).
/// </summary>
/// <param name="Name">The model's (pipeline's) name.</param>
/// <param name="Version">The version the card describes.</param>
/// <param name="Markdown">The card as GitHub-flavoured Markdown.</param>
/// <param name="Html">The card as one HTML page.</param>
/// <param name="PlotsOmittedReason">
/// Why the holdout plots and feature importance are missing (the version's holdout could not be rebuilt with this
/// code: its features or schema changed, or its data snapshot is gone); <see langword="null"/> when they are there.
/// </param>
public sealed record ModelCardDocument(string Name, int Version, string Markdown, string Html, string? PlotsOmittedReason = null);
