// expect: PDSL102
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Charge(Customer c) => float.TryParse(c.MonthlyChargeText, out var v) ? v : 0f;
}
