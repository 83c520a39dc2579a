using PipelineDsl;

namespace LeakageGallery;

// PDSL002: the final bill is only issued after the month being predicted.
[FeatureSet(typeof(Account))]
public static partial class BillingFeatures
{
    [Feature] public static float BillPerMinute(Account a) => a.FinalBill / (a.DayMinutes + 1f);
}
