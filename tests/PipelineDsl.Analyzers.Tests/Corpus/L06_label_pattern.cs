// expect: PDSL001
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float HighRiskChurner(Customer c) => c is { Churn: true, ServiceCalls: > 3 } ? 1f : 0f;
}
