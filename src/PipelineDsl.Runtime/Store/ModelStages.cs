namespace PipelineDsl.Runtime.Store;

/// <summary>
/// The stages of a registered model version: <c>none</c> (just registered), <c>staging</c>, <c>production</c> (at
/// most one version per model, the champion) and <c>archived</c>. Only a version that passed every gate may enter
/// <c>staging</c> or <c>production</c>, and entering <c>production</c> needs a named approval.
/// </summary>
public static class ModelStages
{
    /// <summary>Registered, not promoted (every version starts here).</summary>
    public const string None = "none";

    /// <summary>A candidate under evaluation.</summary>
    public const string Staging = "staging";

    /// <summary>The version in use; at most one per model.</summary>
    public const string Production = "production";

    /// <summary>Retired, for example replaced by a newer production version.</summary>
    public const string Archived = "archived";

    /// <summary>Every stage, in lifecycle order.</summary>
    public static IReadOnlyList<string> All { get; } = [None, Staging, Production, Archived];

    /// <summary>Whether <paramref name="stage"/> is one of <see cref="All"/>, spelled exactly (lower case).</summary>
    public static bool IsValid(string? stage) => stage is None or Staging or Production or Archived;

    /// <summary>
    /// Reads a stage name case-insensitively, ignoring surrounding blanks (<c>" Production"</c> is
    /// <see cref="Production"/>).
    /// </summary>
    /// <returns>Whether <paramref name="text"/> names a stage; <paramref name="stage"/> is then its canonical spelling.</returns>
    public static bool TryParse(string? text, out string stage)
    {
        var trimmed = text?.Trim() ?? "";
        foreach (var candidate in All)
        {
            if (string.Equals(candidate, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                stage = candidate;
                return true;
            }
        }

        stage = "";
        return false;
    }

    /// <summary>The canonical spelling of the stage <paramref name="text"/> names (see <see cref="TryParse"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> names no stage.</exception>
    public static string Parse(string? text) =>
        TryParse(text, out var stage)
            ? stage
            : throw new ArgumentException($"unknown stage '{text}': expected {Describe()}.", nameof(text));

    /// <summary>Whether a version must have passed every gate to enter <paramref name="stage"/> (staging and production).</summary>
    public static bool RequiresPassedGates(string stage) => stage is Staging or Production;

    /// <summary>Whether entering <paramref name="stage"/> needs an approval of the form <c>"who: why"</c> (production).</summary>
    public static bool RequiresApproval(string stage) => stage is Production;

    /// <summary>The stages as prose: <c>none, staging, production or archived</c>.</summary>
    public static string Describe() => string.Join(", ", All.Take(All.Count - 1)) + " or " + All[^1];
}
