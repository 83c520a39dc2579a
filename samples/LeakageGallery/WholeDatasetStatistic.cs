using PipelineDsl;

namespace LeakageGallery;

// PDSL004: a z-score whose mean is computed once, over every row, the evaluation months included.
[FeatureSet(typeof(Account))]
public static partial class NormalizedFeatures
{
    private static readonly Account[] History = [];
    private static readonly float MeanMinutes = History.Length == 0 ? 0f : History.Average(a => a.DayMinutes);

    [Feature] public static float MinutesVsMean(Account a) => a.DayMinutes - MeanMinutes;
}
