using PipelineDsl;

namespace LeakageGallery;

// PDSL102: "12,50" is twelve and a half on a German server and twelve hundred and fifty on an American one.
[FeatureSet(typeof(Account))]
public static partial class ChargeFeatures
{
    [Feature] public static float MonthlyCharge(Account a) => float.Parse(a.MonthlyChargeText);
}
