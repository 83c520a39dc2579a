using PipelineDsl;

namespace LeakageGallery;

// PDSL005: refunds settle weeks after the month; a window over the last 90 days without a lag sees refunds that are
// still unknown when this month is predicted.
[FeatureSet(typeof(Account))]
[Window("Refunds90d", nameof(Account.RefundAmount), Aggregate.Sum, "90d")]
public static partial class RefundFeatures
{
    [Feature] public static float Minutes(Account a) => a.DayMinutes;
}
