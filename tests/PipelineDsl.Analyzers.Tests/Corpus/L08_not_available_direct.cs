// expect: PDSL002
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Refunded(Customer c) => c.RefundAmount > 0 ? 1f : 0f;
}
