// expect: PDSL001, PDSL002
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Both(Customer c) => c.Churn ? c.RefundAmount : 0f;
}
