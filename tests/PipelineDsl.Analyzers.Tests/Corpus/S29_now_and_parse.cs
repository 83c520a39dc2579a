// expect: PDSL101, PDSL102
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Mixed(Customer c) => DateTime.Now.Hour + float.Parse(c.MonthlyChargeText);
}
