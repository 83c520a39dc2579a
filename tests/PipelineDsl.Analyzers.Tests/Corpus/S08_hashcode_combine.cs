// expect: PDSL101
namespace Corpus;

[FeatureSet(typeof(Customer))]
public static partial class F
{
    [Feature] public static float Cross(Customer c) => Math.Abs(HashCode.Combine(c.State, c.Plan)) % 64;
}
