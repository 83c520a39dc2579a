// expect: PDSL102
namespace Corpus;

public static class Units
{
    // A clean user method that happens to share its name with double.Parse.
    public static float Parse(float minutes) => minutes / 60f;
}

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Hours(Customer c) => Units.Parse(c.DayMinutes);
    [Feature] public static float MonthlyCharge(Customer c) => (float)double.Parse(c.MonthlyChargeText);
}
