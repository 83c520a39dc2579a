// expect: PDSL101
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Sample(Customer c) => Guid.NewGuid().GetHashCode() % 2 == 0 ? 1f : 0f;
}
