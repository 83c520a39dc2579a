// expect: PDSL102
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static double Charge(Customer c) => double.Parse(c.MonthlyChargeText);
}
