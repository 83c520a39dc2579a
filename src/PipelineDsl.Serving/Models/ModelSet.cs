namespace PipelineDsl.Serving.Models;

/// <summary>
/// The models being served, replaced as a whole on every change: a request reads it once and finishes on what it read,
/// so a swap never mixes versions inside a request and never fails one.
/// </summary>
/// <typeparam name="TRow">The dataset row type.</typeparam>
/// <param name="Champion">The production version; null until one is loaded.</param>
/// <param name="Challenger">The staging version, when the deployment's rollout uses one.</param>
/// <param name="NotReadyReason">Why there is no champion (nothing in production, a failed load or self-test).</param>
internal sealed record ModelSet<TRow>(ServedModel<TRow>? Champion, ServedModel<TRow>? Challenger, string? NotReadyReason)
{
    /// <summary>Nothing loaded yet.</summary>
    public static ModelSet<TRow> Loading { get; } = new(null, null, "the model is loading");
}
