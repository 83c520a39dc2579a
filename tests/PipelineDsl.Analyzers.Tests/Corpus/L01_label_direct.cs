// expect: PDSL001
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float ChurnFlag(Customer c) => c.Churn ? 1f : 0f;
}
