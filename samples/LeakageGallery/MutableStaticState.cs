using PipelineDsl;

namespace LeakageGallery;

// PDSL103: a threshold someone tunes at run time: training and serving read whatever it was set to last.
[FeatureSet(typeof(Account))]
public static partial class ThresholdFeatures
{
    public static float HeavyUserMinutes = 250f;

    [Feature] public static bool IsHeavyUser(Account a) => a.DayMinutes > HeavyUserMinutes;
}
