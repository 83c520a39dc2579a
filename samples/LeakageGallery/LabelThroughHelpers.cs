using PipelineDsl;

namespace LeakageGallery;

// PDSL001: the "engagement score" helper was written for a dashboard and quietly folds in whether the customer left.
[FeatureSet(typeof(Account))]
public static partial class EngagementFeatures
{
    [Feature] public static float Engagement(Account a) => Scores.Engagement(a);
}

internal static class Scores
{
    public static float Engagement(Account a) => (a.DayMinutes / 100f) - Penalty(a);

    private static float Penalty(Account a) => a.Churned ? 5f : 0f;
}
