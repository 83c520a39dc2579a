// expect: PDSL001
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Weighted(Customer c)
    {
        Func<Customer, float> w = x => x.Churn ? 2f : 1f;
        return w(c) * c.DayMinutes;
    }
}
