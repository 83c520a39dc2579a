using PipelineDsl;

namespace LeakageGallery;

// PDSL101: "account age" against the wall clock: training sees one age, serving another, for the same row.
[FeatureSet(typeof(Account))]
public static partial class TenureFeatures
{
    [Feature] public static float MonthsSinceSnapshot(Account a) => (float)((DateTime.Now - a.Month).TotalDays / 30.4);
}
