// expect: none
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float PlanCode(Customer c)
    {
        var label = c.Plan;
        var churn = c.ServiceCalls > 3;
        return label == "premium" && churn ? 1f : 0f;
    }
}
