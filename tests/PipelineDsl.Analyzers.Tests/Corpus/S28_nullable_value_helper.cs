// expect: PDSL105
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float SpendPerMinute(Customer c) => Spend(c) / Math.Max(1f, c.DayMinutes);
    private static float Spend(Customer c) => c.MonthlySpend.Value;
}
