// expect: PDSL102
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Charge(Customer c) => Convert.ToSingle(c.MonthlyChargeText);
}
