// expect: none
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float LabelNameLength(Customer c) => nameof(Customer.Churn).Length + c.ServiceCalls;
}
