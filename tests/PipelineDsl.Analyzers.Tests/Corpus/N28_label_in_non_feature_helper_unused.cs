// expect: none
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    public static float TargetMean(IEnumerable<Customer> rows) => rows.Average(r => r.Churn ? 1f : 0f);
    [Feature] public static float Calls(Customer c) => c.ServiceCalls;
}
