// expect: PDSL001
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Risk(Customer c) => Score(c);
    private static float Score(Customer c) => c.ServiceCalls + Bonus(c);
    private static float Bonus(Customer c) => c.Churn ? 10f : 0f;
}
