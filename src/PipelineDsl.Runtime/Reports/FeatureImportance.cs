namespace PipelineDsl.Runtime.Reports;

/// <summary>How much the holdout's headline metric drops when one feature's values are shuffled among the rows.</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Importance">The mean drop over the repeats (baseline minus shuffled; near 0 for a feature the model does not use).</param>
/// <param name="StdDev">The standard deviation of the drop over the repeats.</param>
internal sealed record FeatureImportance(string Feature, double Importance, double StdDev);
