using PipelineDsl;

namespace LeakageGallery;

// PDSL006: the churn rate per state, computed once over every month of every account, the evaluation months included.
[FeatureSet(typeof(Account))]
public static partial class StateRateFeatures
{
    private static readonly Account[] AllMonths = [];
    private static readonly Dictionary<string, float> ChurnRateByState = AllMonths
        .GroupBy(a => a.State)
        .ToDictionary(g => g.Key, g => g.Count(a => a.Churned) / (float)g.Count(), StringComparer.Ordinal);

    [Feature] public static float StateChurnRate(Account a) => ChurnRateByState.TryGetValue(a.State, out var rate) ? rate : 0f;
}
