namespace PipelineDsl.Runtime.Reports;

/// <summary>The permutation importance of every feature of a model on its holdout.</summary>
/// <param name="Metric">The headline metric whose drop is measured (<c>auc</c> or <c>r2</c>).</param>
/// <param name="Baseline">The metric on the unshuffled holdout.</param>
/// <param name="Repeats">How many shuffles each feature's drop is averaged over.</param>
/// <param name="Features">One entry per feature, in vector order.</param>
internal sealed record PermutationImportanceResult(string Metric, double Baseline, int Repeats, IReadOnlyList<FeatureImportance> Features);
