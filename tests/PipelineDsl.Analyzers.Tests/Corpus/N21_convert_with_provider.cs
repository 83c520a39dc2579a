// expect: none
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static double Charge(Customer c) => Convert.ToDouble(c.MonthlyChargeText, CultureInfo.InvariantCulture);
    [Feature] public static double Minutes(Customer c) => Convert.ToDouble(c.DayMinutes);
}
