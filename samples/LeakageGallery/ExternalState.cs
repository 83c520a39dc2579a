using PipelineDsl;

namespace LeakageGallery;

// PDSL104: a promotion flag read from the environment of whichever machine runs the feature.
[FeatureSet(typeof(Account))]
public static partial class PromotionFeatures
{
    [Feature] public static bool InPromotion(Account a) => Environment.GetEnvironmentVariable("PROMO_STATES")?.Contains(a.State, StringComparison.Ordinal) == true;
}
